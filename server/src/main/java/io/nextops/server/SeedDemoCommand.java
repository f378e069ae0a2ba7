package io.nextops.server;

import io.nextops.invoices.demo.DemoData;
import io.nextops.ots.seed.OtsSeeder;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import java.io.InputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seed-demo [--invoices N] [--ots M] [--seed S] [--force]}: migrates the configured database
 * ({@code DATABASE_URL}, or the embedded one) and loads deterministic demo data with COPY: providers, clients and
 * {@code M} OTs (ots-module's {@link OtsSeeder}), then {@code N} invoices over them. Refuses when the database already
 * has OTs or invoices, unless {@code --force} (then the new rows are added after the existing ones).
 *
 * <pre>
 * java -jar nextops-server.jar seed-demo --invoices 200000 --ots 50000
 * </pre>
 *
 * <p>Not thread-safe: picocli fills one instance per command line; {@link #seedInto} is thread-safe.
 */
@Command(name = "seed-demo", description = {"Load deterministic demo data.",
        "Migrates the configured database (DATABASE_URL, or the embedded one) and loads with COPY providers, "
                + "clients, OTs, then invoices over them.",
        "Refuses when the database already has OTs or invoices, unless --force."})
public final class SeedDemoCommand implements Callable<Integer> {
    static final int MAX_ROWS = 10_000_000;

    /** Parsed arguments. */
    record Args(int invoices, int ots, long seed, boolean force) {}

    private final Invocation invocation;

    @Spec
    private CommandSpec spec;

    @Option(names = "--invoices", paramLabel = "N", description = "invoices to load, 0-" + MAX_ROWS
            + " (default: ${DEFAULT-VALUE})")
    private int invoices = 2_000;

    @Option(names = "--ots", paramLabel = "M", description = "OTs to load, 0-" + MAX_ROWS
            + ", at least 1 when invoices are loaded (default: ${DEFAULT-VALUE})")
    private int ots = 500;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the generator (default: ${DEFAULT-VALUE})")
    private long seed = 42;

    @Option(names = "--force", description = "load even when the database already has data (added after it)")
    private boolean force;

    SeedDemoCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws Exception {
        Args args = args();
        ServerConfig config = ServerConfig.fromEnv(invocation.env());
        long start = System.nanoTime();
        try (Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS)) {
            return seed(database, args, invocation.out(), invocation.err(), start);
        }
    }

    /**
     * Seeds the already open (and migrated) {@code database} as {@code seed-demo args} would; returns the exit status.
     *
     * @throws ParameterException when {@code args} are not valid {@code seed-demo} arguments
     */
    public static int seedInto(Database database, String[] args, PrintStream out, PrintStream err) throws Exception {
        SeedDemoCommand command = new SeedDemoCommand(new Invocation(Map.of(), InputStream.nullInputStream(), out, err));
        new CommandLine(command).parseArgs(args);
        return seed(database, command.args(), out, err, System.nanoTime());
    }

    /** The parsed options, checked against each other and their ranges. */
    Args args() {
        if (invoices < 0 || invoices > MAX_ROWS) {
            throw usage("--invoices must be between 0 and " + MAX_ROWS + ", was " + invoices);
        }
        if (ots < 0 || ots > MAX_ROWS) {
            throw usage("--ots must be between 0 and " + MAX_ROWS + ", was " + ots);
        }
        if (invoices > 0 && ots == 0) {
            throw usage("--ots must be >= 1 when --invoices is > 0 (invoices refer to OTs)");
        }
        return new Args(invoices, ots, seed, force);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static int seed(Database database, Args args, PrintStream out, PrintStream err, long start) throws Exception {
        out.printf("seed-demo: database ready and migrated in %.1f s%n", (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        DemoData.Counts before;
        try (Connection c = database.dataSource().getConnection()) {
            before = DemoData.counts(c);
        }
        if ((before.ots() > 0 || before.invoices() > 0) && !args.force()) {
            err.printf("seed-demo: the database already has %d OTs and %d invoices; nothing loaded "
                    + "(add --force to load more on top)%n", before.ots(), before.invoices());
            return 1;
        }
        Jdbi jdbi = database.jdbi();
        int clients = Math.max(20, args.ots() / 150);
        if (args.ots() > 0) {
            OtsSeeder.seed(jdbi, args.seed(), 40, clients, args.ots());
        }
        long otsDone = System.nanoTime();
        long loaded = 0;
        if (args.invoices() > 0) {
            try (Connection c = database.dataSource().getConnection()) {
                c.setAutoCommit(false);
                loaded = DemoData.seedInvoices(c, args.invoices(), args.seed());
                c.commit();
                c.setAutoCommit(true);
                // sets the visibility map too: the default-order index then serves deep pages and COUNT index-only
                c.createStatement().execute("VACUUM (ANALYZE) invoices_invoice");
            }
        }
        long end = System.nanoTime();
        DemoData.Counts after;
        try (Connection c = database.dataSource().getConnection()) {
            after = DemoData.counts(c);
        }
        out.printf("seed-demo: loaded %d OTs in %.1f s and %d invoices in %.1f s (seed %d); the database now has "
                        + "%d providers, %d clients, %d OTs, %d invoices%n",
                args.ots(), (otsDone - start) / 1e9, loaded, (end - otsDone) / 1e9, args.seed(),
                after.providers(), after.clients(), after.ots(), after.invoices());
        return 0;
    }
}
