package io.nextops.server.auth;

import io.nextops.server.Invocation;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import io.nextops.web.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code create-user --username NAME --role ROLE [--email EMAIL]}: adds a user to the configured database. The
 * password comes from {@code NEXTOPS_ADMIN_PASSWORD} when set, otherwise from the first line of standard input (the
 * console, without echo, when there is one). Exit status: 0 created, 1 failed (e.g. the user exists), 2 bad usage or
 * configuration. Not thread-safe: picocli fills one instance per command line.
 *
 * <pre>{@code
 * printf '%s\n' "$PASSWORD" | java -jar nextops-server.jar create-user --username ana --role finanzas
 * }</pre>
 */
@Command(name = "create-user", description = {"Add a user to the configured database.",
        "The password comes from NEXTOPS_ADMIN_PASSWORD when it is set, otherwise from the first line of standard "
                + "input (the console, without echo, when there is one)."})
public final class CreateUserCommand implements Callable<Integer> {
    static final String PASSWORD_VARIABLE = "NEXTOPS_ADMIN_PASSWORD";

    private final Invocation invocation;

    @Option(names = "--username", paramLabel = "NAME", required = true, description = "the login name")
    String username;

    @Option(names = "--role", paramLabel = "ROLE", required = true, converter = RoleConverter.class,
            completionCandidates = RoleValues.class, description = "one of ${COMPLETION-CANDIDATES}")
    Role role;

    @Option(names = "--email", paramLabel = "EMAIL", description = "the e-mail address (optional)")
    String email;

    public CreateUserCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        PrintStream out = invocation.out();
        PrintStream err = invocation.err();
        String password = invocation.env().get(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            try {
                password = readPassword(invocation.in());
            } catch (IOException e) {
                err.println("create-user: cannot read the password from standard input: " + e.getMessage());
                return 2;
            }
        }
        if (password == null || password.isEmpty()) {
            err.println("create-user: no password: set " + PASSWORD_VARIABLE + " or write it on standard input");
            return 2;
        }
        String name = username.trim();
        String mail = email == null ? null : email.trim();
        ServerConfig config = ServerConfig.fromEnv(invocation.env()); // ConfigException: reported by Main, status 2
        try (Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS)) {
            long id = Authentication.createUser(config.auth(), database.jdbi(), name, role, mail, password);
            out.println("created user " + name + " (id " + id + ", role " + role.value() + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("create-user: " + e.getMessage());
            return 1;
        }
    }

    /** The role by its value ({@code finanzas}), with a message that lists the four. */
    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String raw) {
            try {
                return Role.of(raw.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown role \"" + raw + "\"; one of " + roles());
            }
        }
    }

    /** The role values, for the help text. */
    static final class RoleValues implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Role.values()).map(Role::value).iterator();
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
