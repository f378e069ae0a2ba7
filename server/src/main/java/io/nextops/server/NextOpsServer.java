package io.nextops.server;

import io.nextops.server.auth.Authentication;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import io.nextops.memory.MemoryMonitor;
import io.nextops.server.http.AccessLog;
import io.nextops.server.http.MemoryAdmission;
import io.nextops.server.http.MemoryServlet;
import io.nextops.server.http.WorkerHandler;
import io.nextops.workers.WorkerPool;
import io.nextops.workers.WorkerPoolConfig;
import io.nextops.server.metrics.Metrics;
import io.nextops.server.metrics.MetricsServlet;
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
    public static final String VERSION = Version.get();

    private NextOpsServer() {}

    /** An unstarted server for {@code config} over {@code database}; the server owns the database from now on. */
    public static Server create(ServerConfig config, Database database) {
        return create(config, database, MemoryMonitor.create(config.memory()));
    }

    /** As {@link #create(ServerConfig, Database)} with a given (unstarted) memory monitor, e.g. over a fake probe. */
    public static Server create(ServerConfig config, Database database, MemoryMonitor memory) {
        QueuedThreadPool threads = new QueuedThreadPool(jettyMaxThreads(config), 4, 60_000);
        threads.setName("http");
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        server.addBean(new Managed("database", database));
        Metrics metrics = new Metrics();
        server.addBean(new Managed("metrics", metrics));
        metrics.bindPool(database.pool());
        memory.start();
        server.addBean(new Managed("memory-monitor", memory));
        metrics.bindMemory(memory);

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
        // the OpenAPI document (open, like health); SchemaIT checks it lists every mapping registered here
        ServletHolder schema = new ServletHolder("schema", io.nextops.server.http.SchemaServlet.fromClasspath());
        context.getServletHandler().addServletWithMapping(schema, "/api/schema/");
        context.getServletHandler().addServletWithMapping(schema, "/api/schema");

        // the API: failures become statuses in one place; then the domain modules
        context.addFilter(new FilterHolder(new ApiErrorFilter()), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        Jdbi jdbi = Jdbi.create(database.dataSource());
        io.nextops.ots.api.MultipartParser multipart = new io.nextops.server.multipart.JettyMultipartParser();
        // OTs, providers and clients (/api/ots/, /api/catalogs/providers/, /api/clients/); a bean so tests can find it
        io.nextops.ots.OtsModule ots = io.nextops.ots.OtsModule.create(jdbi);
        server.addBean(ots);
        ots.servlets().forEach((pathSpec, servlet) -> context.addServlet(new ServletHolder(servlet), pathSpec));
        // POST /api/ots/import_excel/ (streamed multipart, OT_IMPORT_* limits); more specific than /api/ots/*
        context.addServlet(new ServletHolder("ot-import",
                io.nextops.ots.imports.OtImporter.create(jdbi, config.otImport()).servlet(multipart)), "/api/ots/import_excel/*");
        // supplier invoices and cost types (/api/invoices/, /api/catalogs/cost-types/); a bean so tests can find it
        io.nextops.invoices.InvoicesModule invoices = io.nextops.invoices.InvoicesModule.create(jdbi);
        server.addBean(invoices);
        invoices.servlets().forEach((pathSpec, servlet) -> context.addServlet(new ServletHolder(servlet), pathSpec));
        // invoice files: POST /api/invoices/upload/ (streamed multipart), blobs under UPLOAD_DIR
        io.nextops.invoices.upload.InvoiceUploads uploads =
                io.nextops.invoices.upload.InvoiceUploads.create(invoices, config.uploads(), multipart);
        server.addBean(uploads);
        uploads.servlets().forEach((pathSpec, servlet) -> context.addServlet(new ServletHolder(servlet), pathSpec));
        // every /api/ call but health and the token endpoints needs a bearer token; before the domain servlets
        Authentication.create(config.auth(), jdbi, config.dataDir()).install(context);
        // GET /api/invoices/{id}/file/ (id mid-path: a filter, not a servlet mapping); after authentication
        context.addFilter(new FilterHolder(uploads.downloadFilter()),
                io.nextops.invoices.upload.InvoiceUploads.DOWNLOAD_FILTER_PATH, EnumSet.of(DispatcherType.REQUEST));

        context.addServlet(new ServletHolder("metrics", new MetricsServlet(metrics)), "/metrics");
        context.addServlet(new ServletHolder("memory", new MemoryServlet(memory, config.describe())), "/health/memory");
        // body sizes of every request and response, and a memory line on a sample of requests
        context.addFilter(new FilterHolder(memory.sizeMonitorFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(memory.requestLoggingFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));

        // API requests run on the bounded worker pool; health and metrics stay on Jetty's threads
        ServerConfig.Workers w = config.workers();
        WorkerPool workers = WorkerPool.start(WorkerPoolConfig.defaults()
                .withName("api")
                .withWorkers(w.count())
                .withQueueCapacity(w.queue())
                .withTaskTimeout(w.timeout())
                .withMaxTasksPerWorker(w.maxRequests())
                .withMaxTasksJitter(w.maxRequestsJitter())
                .withMode(w.workerClass() == ServerConfig.WorkerClass.VIRTUAL
                        ? WorkerPoolConfig.Mode.VIRTUAL : WorkerPoolConfig.Mode.PLATFORM));
        server.addBean(new Managed("workers", () -> workers.shutdown(config.http().gracefulTimeout())));
        metrics.bindWorkers(workers);
        WorkerHandler pooled = new WorkerHandler(context, workers, database, WorkerHandler::isPooledPath,
                new MemoryAdmission(memory));

        GracefulHandler graceful = new GracefulHandler(pooled);
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(config.http().gracefulTimeout().toMillis());
        server.setRequestLog(new AccessLog(metrics));
        metrics.bindJetty(server);
        return server;
    }

    /** The port the started server listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    // Jetty's own threads parse requests, hand API requests to the worker pool and answer health checks themselves;
    // they stay few whatever WORKERS says.
    private static int jettyMaxThreads(ServerConfig config) {
        return 12;
    }
}
