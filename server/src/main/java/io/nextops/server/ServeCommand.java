package io.nextops.server;

import io.nextops.server.auth.Authentication;
import io.nextops.server.blobs.BlobStores;
import io.nextops.server.budget.HeapCheck;
import io.nextops.server.budget.MemoryBudget;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Server;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import sun.misc.Signal;

/**
 * {@code serve}: configures logging, opens the database, starts the server and waits for SIGTERM or SIGINT; then stops
 * accepting, lets in-flight requests finish for up to {@code GRACEFUL_TIMEOUT}, closes the pool and the embedded
 * database, and exits 0.
 */
@Command(name = "serve", description = {"Run the HTTP server (the default command).",
        "Runs until SIGTERM or SIGINT, then lets in-flight requests finish for up to GRACEFUL_TIMEOUT. Takes no "
                + "arguments: it is configured with environment variables."})
final class ServeCommand implements Callable<Integer> {
    private final Invocation invocation;

    ServeCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws Exception {
        MemoryBudget budget = MemoryBudget.ofThisProcess(invocation.env());
        Map<String, String> env = budget.withDefaults(invocation.env()); // MEMORY_BUDGET_MB and the bands follow it
        PrintStream out = invocation.out();
        ServerConfig config = ServerConfig.fromEnv(env);
        Logging.configure(config.logging()); // first: any logger created before it would fix logback's default format
        BlobStores.verify(config); // BLOB_STORE=s3: a missing bucket or bad credentials stop here, before the database
        Logger startup = LoggerFactory.getLogger("io.nextops.startup");
        startup.info("starting NextOps Lean {} with config:", NextOpsServer.VERSION);
        config.describe().forEach((k, v) -> startup.info("  {}: {}", k, v));
        startup.info("  memory budget: {}", budget.describe());
        HeapCheck.atStart(budget); // one WARN when the JVM's heap cap does not fit the budget (plain java -jar)

        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());

        Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
        Server server;
        try {
            server = NextOpsServer.create(config, database);
        } catch (RuntimeException e) {
            database.close(); // not owned by a server yet
            throw e;
        }
        try {
            // no user at all (first start): create "admin"; a generated password is printed once on stdout
            Authentication.ensureAdmin(config.auth(), database.jdbi(), env.get("NEXTOPS_ADMIN_PASSWORD"), out);
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        startup.info("listening on {}:{}", config.http().host(), NextOpsServer.port(server));
        // Start-up garbage (migrations, class loading) is dead now. The serial collector shrinks the old generation
        // a little more at each full collection (0%, 10%, 40%, 100% of the excess), so a few let the heap give back
        // what start-up took: about 15 MB of RSS, once.
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        stop.await();
        startup.info("stopping: finishing in-flight requests for up to {}s", config.http().gracefulTimeout().toSeconds());
        try {
            server.stop();
        } catch (Exception e) {
            if (!isTimeout(e)) {
                throw e;
            }
            // GRACEFUL_TIMEOUT ran out with requests still running: they were cut off, as gunicorn's graceful_timeout
            // does; the stop itself went as configured, so the exit status stays 0
            startup.warn("graceful timeout of {}s reached; requests still running were stopped",
                    config.http().gracefulTimeout().toSeconds());
            if (!server.isStopped()) {
                server.stop();
            }
        }
        startup.info("stopped");
        return 0;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (isTimeout(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
