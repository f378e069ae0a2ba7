package io.nextops.ots;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A DataSource that counts the SQL statements prepared or created on its connections. Thread-safe. */
public final class CountingDataSource {
    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource dataSource;

    public CountingDataSource(DataSource target) {
        this.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public int statements() {
        return statements.get();
    }

    public void reset() {
        statements.set(0);
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("prepareStatement") || name.equals("createStatement")
                            || name.equals("prepareCall")) {
                        statements.incrementAndGet();
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
