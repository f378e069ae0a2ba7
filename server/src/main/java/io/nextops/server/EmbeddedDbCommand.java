package io.nextops.server;

import io.nextops.server.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code embedded-db [--port N]}: runs only the embedded PostgreSQL on the data dir (the one {@code serve} uses when
 * no {@code DATABASE_URL} is set) until SIGTERM/SIGINT, and prints the {@code DATABASE_URL} to reach it. Lets the
 * server run in its own memory cgroup with the database outside it, or lets tools such as psql look at the data.
 */
@Command(name = "embedded-db", description = {"Run only the embedded PostgreSQL and print its DATABASE_URL.",
        "Runs the database of the data dir (NEXTOPS_DATA_DIR) until SIGTERM or SIGINT."})
final class EmbeddedDbCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Spec
    private CommandSpec spec;

    private int port;

    EmbeddedDbCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Option(names = "--port", paramLabel = "N", description = "TCP port of PostgreSQL, 0-65535 (default: 0, a free one)")
    void port(int value) {
        if (value < 0 || value > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, was " + value);
        }
        port = value;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = invocation.env();
        PrintStream out = invocation.out();
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
