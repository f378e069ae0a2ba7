package io.nextops.server;

import io.nextops.server.auth.CreateUserCommand;
import io.nextops.server.config.ConfigException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command-line entry point of {@code nextops-server.jar}, a picocli command whose subcommands are listed in
 * {@link #commandLine}; {@code serve} is the default when the first argument is not a subcommand. {@code --help} works
 * on the root and on every subcommand, {@code --version} prints {@link NextOpsServer#VERSION}. Exit status: 0 done,
 * 1 failure, 2 bad configuration ({@link ConfigException}, with its message) or bad usage; a subcommand may add its
 * own ({@code check-memory}: 3 unreachable). Thread-safe: each run builds its own command objects.
 *
 * <pre>{@code
 * int status = Main.run(new String[] {"check-memory", "--json"}, env, System.out, System.err);
 * }</pre>
 */
@Command(name = "nextops-server", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Main.VersionText.class, synopsisHeading = "usage: ",
        synopsisSubcommandLabel = "[COMMAND]", commandListHeading = "%ncommands:%n",
        description = "NextOps Lean server. Without a command, runs serve.",
        footer = "%nConfiguration comes from environment variables; see docs/configuration.md.")
public final class Main {
    /** The {@code --version} text. */
    static final class VersionText implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"NextOps Lean " + NextOpsServer.VERSION};
        }
    }

    static final String DEFAULT_COMMAND = "serve";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs a command line as {@link #main} does, with the given environment and streams; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, System.in, out, err);
    }

    /** Like {@link #run(String[], Map, PrintStream, PrintStream)} with a given standard input. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(new Invocation(env, in, out, err));
        try {
            return cli.execute(withDefaultCommand(cli, args));
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /** The command line with every subcommand; adding one is one line here. */
    static CommandLine commandLine(Invocation invocation) {
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand(new ServeCommand(invocation))
                .addSubcommand(new EmbeddedDbCommand(invocation))
                .addSubcommand(new CheckMemoryCommand(invocation))
                .addSubcommand(new CreateUserCommand(invocation))
                .addSubcommand(new SeedDemoCommand(invocation))
                .addSubcommand(new CommandLine.HelpCommand());
        return cli.setOut(new PrintWriter(invocation.out(), true))
                .setErr(new PrintWriter(invocation.err(), true))
                .setExpandAtFiles(false) // "@name" is a value (a username, a password), never a file to read
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
    }

    /** No subcommand, or an option first: {@code serve} with these arguments. */
    private static String[] withDefaultCommand(CommandLine cli, String[] args) {
        boolean rootOption = args.length > 0 && cli.getCommandSpec().optionsMap().containsKey(args[0]);
        if (args.length > 0 && (!args[0].startsWith("-") || rootOption)) {
            return args;
        }
        String[] all = new String[args.length + 1];
        all[0] = DEFAULT_COMMAND;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** Bad usage: the message naming the command, the synopsis, where to find more; status 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        if (command.getParent() == null && e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            err.println("unknown command: " + u.getUnmatched().get(0));
            command.usage(err);
        } else {
            err.println(command.getCommandName() + ": " + e.getMessage());
            err.print(command.getHelp().synopsisHeading() + command.getHelp().synopsis(0));
            err.println("see: " + command.getCommandSpec().qualifiedName() + " --help");
        }
        return 2;
    }

    private static int failure(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        if (e instanceof ConfigException) {
            err.println(e.getMessage());
            return 2;
        }
        err.println(command.getCommandName() + " failed: " + e);
        return 1;
    }
}
