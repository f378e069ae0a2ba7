package io.nextops.server;

import io.nextops.server.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code embedded-db [--port N]}: runs only the embedded PostgreSQL on the data dir (the one {@code serve} uses when
 * no {@code DATABASE_URL} is set) until SIGTERM/SIGINT, and prints the {@code DATABASE_URL} to reach it. Lets the
 * server run in its own memory cgroup with the database outside it, or lets tools such as psql look at the data.
 */
final class EmbeddedDbCommand implements Main.Command {

    @Override
    public int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                try {
                    port = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    throw new Main.UsageException("--port must be a number, was " + args[i]);
                }
            } else {
                throw new Main.UsageException("unknown option " + args[i] + " (use --port N)");
            }
        }
        Path dataDir = Path.of(env.getOrDefault("NEXTOPS_DATA_DIR", "./data")).toAbsolutePath().normalize();
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try (EmbeddedPostgres pg = Database.startEmbedded(dataDir.resolve("postgres"), port)) {
            out.println("DATABASE_URL=postgres://postgres:postgres@localhost:" + pg.getPort() + "/postgres");
            out.flush();
            stop.await();
        }
        return 0;
    }
}
