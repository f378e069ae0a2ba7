package io.nextops.server.auth;

import io.nextops.web.Role;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code create-user --username NAME --role ROLE [--email EMAIL]}: adds a user to the configured database. The
 * password comes from {@code NEXTOPS_ADMIN_PASSWORD} when set, otherwise from the first line of standard input (the
 * console, without echo, when there is one). Exit status: 0 created, 1 failed (e.g. the user exists), 2 bad usage or
 * configuration. Thread-safe (stateless).
 *
 * <pre>{@code
 * printf '%s\n' "$PASSWORD" | java -jar nextops-server.jar create-user --username ana --role finanzas
 * }</pre>
 */
public final class CreateUserCommand {
    public static final String SUMMARY = "add a user: --username NAME --role ROLE [--email EMAIL];"
            + " password from NEXTOPS_ADMIN_PASSWORD or stdin";
    static final String PASSWORD_VARIABLE = "NEXTOPS_ADMIN_PASSWORD";

    private CreateUserCommand() {}

    /** Runs the command; see the class comment for the exit statuses. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        Map<String, String> options;
        Role role;
        try {
            options = parse(args);
            role = role(options.get("role"));
        } catch (IllegalArgumentException e) {
            err.println("create-user: " + e.getMessage());
            err.println("usage: create-user --username NAME --role " + roles() + " [--email EMAIL]");
            return 2;
        }
        String password = env.get(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            try {
                password = readPassword(in);
            } catch (IOException e) {
                err.println("create-user: cannot read the password from standard input: " + e.getMessage());
                return 2;
            }
        }
        if (password == null || password.isEmpty()) {
            err.println("create-user: no password: set " + PASSWORD_VARIABLE + " or write it on standard input");
            return 2;
        }
        ServerConfig config = ServerConfig.fromEnv(env); // ConfigException: the caller reports it with status 2
        try (Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS)) {
            long id = Authentication.createUser(config.auth(), database.jdbi(), options.get("username"),
                    role, options.get("email"), password);
            out.println("created user " + options.get("username") + " (id " + id + ", role " + role.value() + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("create-user: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(2, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"");
            }
            if (!name.equals("username") && !name.equals("role") && !name.equals("email")) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (options.put(name, value.trim()) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        for (String required : new String[] {"username", "role"}) {
            if (options.get(required) == null || options.get(required).isEmpty()) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }

    private static Role role(String raw) {
        try {
            return Role.of(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role \"" + raw + "\"; one of " + roles());
        }
    }

    private static String roles() {
        return Arrays.stream(Role.values()).map(Role::value).collect(Collectors.joining(", "));
    }

    private static String readPassword(InputStream in) throws IOException {
        Console console = System.console();
        if (in == System.in && console != null) {
            char[] pw = console.readPassword("password for the new user: ");
            return pw == null ? null : new String(pw);
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        // only the line end is removed: spaces may belong to the password
        return line == null ? null : line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
