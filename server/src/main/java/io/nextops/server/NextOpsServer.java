package io.nextops.server;

import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import io.nextops.server.http.AccessLog;
import io.nextops.server.http.ApiErrorFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.jdbi.v3.core.Jdbi;
import io.nextops.server.http.HealthServlet;
import io.nextops.server.http.JsonErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the server: one method, read top to bottom, wiring the database, the modules and the handlers.
 *
 * <pre>{@code
 * Database db = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
 * Server server = NextOpsServer.create(config, db);   // unstarted; port 0 picks a free port
 * server.start();
 * int port = NextOpsServer.port(server);
 * }</pre>
 *
 * <p>The database becomes a managed bean of the server: stopping the server closes it after in-flight requests end.
 */
public final class NextOpsServer {
    public static final String VERSION = "0.1.0";

    private NextOpsServer() {}

    /** An unstarted server for {@code config} over {@code database}; the server owns the database from now on. */
    public static Server create(ServerConfig config, Database database) {
        QueuedThreadPool threads = new QueuedThreadPool(jettyMaxThreads(config), 4, 60_000);
        threads.setName("http");
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        server.addBean(new Managed("database", database));

        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.http().host());
        connector.setPort(config.http().port());
        connector.setIdleTimeout(config.http().keepAlive().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(config.workers().maxConnections(), connector));

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        HealthServlet liveness = new HealthServlet(null, VERSION);
        context.addServlet(new ServletHolder("health", liveness), "/api/health/");
        context.addServlet(new ServletHolder("health-noslash", liveness), "/api/health");
        context.addServlet(new ServletHolder("live", liveness), "/health/live");
        context.addServlet(new ServletHolder("ready", new HealthServlet(database.dataSource(), VERSION)), "/health/ready");

        // the API: failures become statuses in one place; then the domain modules
        context.addFilter(new FilterHolder(new ApiErrorFilter()), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        Jdbi jdbi = Jdbi.create(database.dataSource());

        GracefulHandler graceful = new GracefulHandler(context);
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(config.http().gracefulTimeout().toMillis());
        if (config.logging().accessLog()) {
            server.setRequestLog(new AccessLog());
        }
        return server;
    }

    /** The port the started server listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    // Jetty's own threads only parse requests and hand them over; they stay few. Until the worker pool runs the
    // API requests, they also run them, so they are sized from the worker count.
    private static int jettyMaxThreads(ServerConfig config) {
        return Math.max(8, config.workers().count() + 6);
    }
}
