package io.nextops.server;

import io.nextops.server.auth.CreateUserCommand;
import io.nextops.server.config.ConfigException;
import io.nextops.server.config.ServerConfig;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line entry point of {@code nextops-server.jar}: {@code serve} (the default) runs the server; {@code --help}
 * lists the subcommands. Exit status: 0 done, 1 failure, 2 bad configuration or usage.
 */
public final class Main {

    /** A subcommand: runs with the remaining arguments and returns the exit status. */
    interface Command {
        int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception;
    }

    private record Entry(String summary, Command command) {}

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", new Entry("run the HTTP server (default)", new ServeCommand()));
        COMMANDS.put("embedded-db", new Entry("run only the embedded PostgreSQL of the data dir and print its "
                + "DATABASE_URL (--port N)", new EmbeddedDbCommand()));
        COMMANDS.put("check-memory", new Entry("report a running server's memory; exit 0 good, 1 warning, 2 critical, "
                + "3 unreachable (--url URL, --json)", new CheckMemoryCommand()));
        COMMANDS.put("create-user", new Entry(CreateUserCommand.SUMMARY,
                (args, env, out, err) -> CreateUserCommand.run(args, env, System.in, out, err)));
        COMMANDS.put("seed-demo", new Entry(SeedDemoCommand.SUMMARY, new SeedDemoCommand()));
    }

    private Main() {}

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        System.exit(status);
    }

    /** Runs a command line as {@link #main} does, with the given environment and streams; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            usage(out);
            return 0;
        }
        String name = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        Entry entry = COMMANDS.get(name);
        if (entry == null) {
            err.println("unknown command: " + name);
            usage(err);
            return 2;
        }
        try {
            return entry.command().run(rest, env, out, err);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (UsageException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(name + " failed: " + e);
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar nextops-server.jar [command] [options]");
        out.println();
        out.println("commands:");
        COMMANDS.forEach((n, e) -> out.printf("  %-14s %s%n", n, e.summary()));
        out.println();
        out.println("Configuration comes from environment variables; see docs/configuration.md.");
    }

    /** Registers a subcommand; used by the commands that other parts of the server add. */
    static void register(String name, String summary, Command command) {
        COMMANDS.put(name, new Entry(summary, command));
    }

    /** Bad command-line usage: reported with exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Parses the config, or throws ConfigException; shared by the commands that need it. */
    static ServerConfig config(Map<String, String> env) {
        return ServerConfig.fromEnv(env);
    }
}
