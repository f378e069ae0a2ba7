package io.nextops.server;

import io.nextops.invoices.InvoicesModule;
import io.nextops.invoices.upload.InvoiceUploads;
import io.nextops.memory.MemoryMonitor;
import io.nextops.ots.OtsModule;
import io.nextops.ots.imports.OtImporter;
import io.nextops.hashing.store.BlobStore;
import io.nextops.server.auth.Authentication;
import io.nextops.server.blobs.BlobStores;
import io.nextops.server.blobs.S3BlobStore;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.dashboard.MemoryDashboard;
import io.nextops.server.db.Database;
import io.nextops.server.http.AccessLog;
import io.nextops.server.http.BackgroundPriority;
import io.nextops.server.http.ForwardedClient;
import io.nextops.server.http.ApiErrorFilter;
import io.nextops.server.http.HeavyJobs;
import io.nextops.server.http.JsonErrorHandler;
import io.nextops.server.http.MemoryAdmission;
import io.nextops.server.http.RequestWorkers;
import io.nextops.server.http.SchemaServlet;
import io.nextops.server.http.ServerRoutes;
import io.nextops.server.http.WorkerHandler;
import io.nextops.server.metrics.Metrics;
import io.nextops.server.multipart.JettyMultipartParser;
import io.nextops.web.MultipartParser;
import io.nextops.web.download.RunningExports;
import io.nextops.web.route.Route;
import io.nextops.web.route.RouteServlet;
import io.nextops.web.route.RouteTable;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
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
 * Builds the server in one method, read top to bottom: the database's Jdbi, the modules and their routes, one route
 * table, then the handlers that read it. Creating the server starts nothing; {@code start()} starts the managed parts
 * in the order they are added here (database, blob store, metrics, memory monitor, workers) and {@code stop()} stops them in
 * reverse after in-flight requests end.
 *
 * <pre>{@code
 * Database db = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
 * Server server = NextOpsServer.create(config, db);   // unstarted; port 0 picks a free port
 * server.start();
 * int port = NextOpsServer.port(server);
 * }</pre>
 *
 * <p>A request goes: {@link GracefulHandler} (refuses new requests while stopping) -> {@link WorkerHandler} (matches
 * the route table once; INLINE routes stay on Jetty's thread, LIGHT ones go to the light lane, HEAVY ones to the
 * heavy lane when their memory reservation fits and memory allows) -> the servlet context: request size and memory filters, {@link ApiErrorFilter} (exceptions to
 * the error envelope), the access filter (each route's {@code Access}), and the {@link RouteServlet}, which runs the
 * route.
 */
public final class NextOpsServer {
    public static final String VERSION = Version.get();
    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** Jetty's own threads parse requests, hand pooled routes to the workers and answer INLINE ones. */
    private static final int JETTY_MAX_THREADS = 12;

    static {
        // Jetty's MemoryUtils asks the platform MBean server whether oops are compressed, only to pad a few arrays to
        // cache lines; creating that server registers every platform MBean (with JFR's diagnostic commands and their
        // metadata: ~300 classes and ~1 MB of heap), nothing else here uses it. The answer, given up front:
        // compressed (4-byte) references below a 32 GB heap.
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE,
                    Integer.toString(Runtime.getRuntime().maxMemory() < (32L << 30) ? 16 : 8));
        }
    }

    private NextOpsServer() {}

    /** An unstarted server for {@code config} over {@code database}; the server owns the database from now on. */
    public static Server create(ServerConfig config, Database database) {
        return create(config, database, MemoryMonitor.create(config.memory()), List.of());
    }

    /**
     * As {@link #create(ServerConfig, Database)} with a given (unstarted) memory monitor, e.g. over a fake probe, and
     * {@code extraRoutes} mounted beside the modules' (tests add their probes this way).
     */
    public static Server create(ServerConfig config, Database database, MemoryMonitor memory, List<Route> extraRoutes) {
        QueuedThreadPool threads = new QueuedThreadPool(JETTY_MAX_THREADS, 4, 60_000);
        threads.setName("http");
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        Metrics metrics = new Metrics();
        metrics.bindPool(database.pool());
        metrics.bindMemory(memory);
        MemoryAdmission admission = new MemoryAdmission(memory);
        RequestWorkers workers = new RequestWorkers(config.lanes(), config.http().gracefulTimeout(), metrics,
                () -> !admission.admitHeavy());
        // started in this order, stopped in reverse
        server.addBean(Managed.bean("database", Managed.closing(database)));
        // BLOB_STORE: the filesystem store, or S3 (its bucket checked now: ConfigException, exit status 2); stopped
        // after the workers, before the database its locks use
        BlobStore blobs = BlobStores.open(config, database.dataSource());
        if (blobs instanceof S3BlobStore s3) {
            // started: aborts the multipart uploads of dead instances now and every S3_SWEEP_INTERVAL; stopped: that
            // thread, then the S3 client
            server.addBean(Managed.bean("blob-store", new Managed() {
                @Override
                public void start() {
                    s3.startSweeping(config.blobs().s3SweepInterval());
                }

                @Override
                public void stop() {
                    s3.close();
                }
            }));
        } else if (blobs instanceof AutoCloseable closeable) {
            server.addBean(Managed.bean("blob-store", Managed.closing(closeable)));
        }
        server.addBean(Managed.bean("metrics", Managed.closing(metrics)));
        server.addBean(Managed.bean("memory-monitor", new Managed() {
            @Override
            public void start() {
                memory.start();
            }

            @Override
            public void stop() {
                memory.close();
            }
        }));
        server.addBean(Managed.bean("workers", workers));

        // the modules and their routes; the modules are beans so that tests can find them
        MultipartParser multipart = new JettyMultipartParser();
        OtsModule ots = OtsModule.create(database.jdbi());
        InvoicesModule invoices = InvoicesModule.create(database.jdbi());
        InvoiceUploads uploads = InvoiceUploads.create(invoices, config.uploads(), multipart, blobs);
        Authentication auth = Authentication.create(config.auth(), database.jdbi(), config.dataDir());
        server.addBean(ots);
        server.addBean(invoices);
        server.addBean(uploads);
        // what the memory dashboard lists: heavy jobs (fed by the WorkerHandler) and exports (fed by SnapshotExport)
        HeavyJobs heavyJobs = new HeavyJobs(Clock.systemUTC());
        RunningExports exports = new RunningExports();
        AtomicReference<RouteTable> table = new AtomicReference<>();
        RouteTable routes = RouteTable.of(List.of(
                ServerRoutes.operations(database.dataSource(), VERSION, memory, config.describe(), metrics, workers),
                List.of(ServerRoutes.schema(new SchemaServlet(table::get))),
                MemoryDashboard.routes(memory, MemoryDashboard.budget(config.memory().budgetMb()), workers::metrics,
                        heavyJobs, exports),
                auth.routes(),
                ots.routes(),
                List.of(OtImporter.create(database.jdbi(), config.otImport()).route(multipart)),
                invoices.routes(),
                uploads.routes(),
                extraRoutes));
        table.set(routes);
        server.addBean(routes);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        context.setAttribute(RunningExports.ATTRIBUTE, exports);
        // body sizes of every request and response, a memory line on a sample of requests, then errors and access
        addFilter(context, memory.sizeMonitorFilter());
        addFilter(context, memory.requestLoggingFilter());
        addFilter(context, new ApiErrorFilter());
        addFilter(context, auth.accessFilter(routes));
        context.addServlet(new ServletHolder("routes", new RouteServlet(routes)), "/");

        server.addConnector(connector(server, config));
        server.addBean(new NetworkConnectionLimit(config.http().maxConnections(), server.getConnectors()[0]));
        WorkerHandler front = new WorkerHandler(context, routes, workers, database, heavyJobs,
                BackgroundPriority.of(config.heavyNice()));
        server.setHandler(new GracefulHandler(front));
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

    private static void addFilter(ServletContextHandler context, Filter filter) {
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    private static ServerConnector connector(Server server, ServerConfig config) {
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendDateHeader(true);
        // the client address behind trusted proxies (TRUSTED_PROXIES), for everything that reads the remote address
        httpConfig.addCustomizer(new ForwardedClient(config.http().trustedProxies()));
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.http().host());
        connector.setPort(config.http().port());
        connector.setIdleTimeout(config.http().keepAlive().toMillis());
        return connector;
    }
}
