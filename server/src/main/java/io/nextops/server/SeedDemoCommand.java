package io.nextops.server;

import io.nextops.invoices.demo.DemoData;
import io.nextops.ots.seed.OtsSeeder;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

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
 * <p>Thread-safe (stateless).
 */
public final class SeedDemoCommand implements Main.Command {
    static final String SUMMARY = "load deterministic demo data (--invoices N --ots M [--seed S] [--force])";

    /** Parsed arguments. */
    record Args(int invoices, int ots, long seed, boolean force) {
        static final int DEFAULT_INVOICES = 2_000;
        static final int DEFAULT_OTS = 500;
        static final int MAX_ROWS = 10_000_000;

        static Args parse(String[] args) {
            int invoices = DEFAULT_INVOICES;
            int ots = DEFAULT_OTS;
            long seed = 42;
            boolean force = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--invoices" -> invoices = (int) number(a, args, ++i, 0, MAX_ROWS);
                    case "--ots" -> ots = (int) number(a, args, ++i, 0, MAX_ROWS);
                    case "--seed" -> seed = number(a, args, ++i, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--force" -> force = true;
                    default -> throw new Main.UsageException("unknown argument \"" + a + "\"; usage: seed-demo "
                            + "[--invoices N] [--ots M] [--seed S] [--force]");
                }
            }
            if (invoices > 0 && ots == 0) {
                throw new Main.UsageException("--ots must be >= 1 when --invoices is > 0 (invoices refer to OTs)");
            }
            return new Args(invoices, ots, seed, force);
        }

        private static long number(String name, String[] args, int i, long min, long max) {
            if (i >= args.length) {
                throw new Main.UsageException(name + " needs a value");
            }
            try {
                long v = Long.parseLong(args[i]);
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new Main.UsageException(name + " must be an integer between " + min + " and " + max
                    + ", was \"" + args[i] + "\"");
        }
    }

    @Override
    public int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv);
        ServerConfig config = Main.config(env);
        long start = System.nanoTime();
        try (Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS)) {
            return seed(database, args, out, err, start);
        }
    }

    /** Seeds the already open (and migrated) {@code database} as {@code seed-demo args} would; returns the exit status. */
    public static int seedInto(Database database, String[] args, PrintStream out, PrintStream err) throws Exception {
        return seed(database, Args.parse(args), out, err, System.nanoTime());
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
