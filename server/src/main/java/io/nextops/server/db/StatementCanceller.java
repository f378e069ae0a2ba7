package io.nextops.server.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * A data source that remembers which thread holds which connection, so that another thread (the worker pool's
 * watchdog, when a request runs past its deadline) can cancel the SQL statement a given thread is running.
 * PostgreSQL then stops the query on the server side and the blocked JDBC call fails at once. Thread-safe.
 */
final class StatementCanceller implements DataSource {
    private final DataSource delegate;
    private final Map<Thread, List<Connection>> held = new ConcurrentHashMap<>();

    StatementCanceller(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Cancels whatever statement each connection held by {@code thread} is running; returns how many were asked. */
    int cancelStatementsOf(Thread thread) {
        List<Connection> connections = held.get(thread);
        if (connections == null) {
            return 0;
        }
        int n = 0;
        for (Connection c : connections) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
                n++;
            } catch (SQLException | RuntimeException e) {
                // the connection may have been closed meanwhile: nothing left to cancel
            }
        }
        return n;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return track(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return track(delegate.getConnection(username, password));
    }

    private Connection track(Connection connection) {
        Thread owner = Thread.currentThread();
        held.computeIfAbsent(owner, t -> new CopyOnWriteArrayList<>()).add(connection);
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    release(owner, connection);
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private void release(Thread owner, Connection connection) {
        held.computeIfPresent(owner, (t, list) -> {
            list.remove(connection);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
