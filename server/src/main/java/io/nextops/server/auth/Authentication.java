package io.nextops.server.auth;

import java.util.List;
import jakarta.servlet.Filter;
import io.nextops.web.route.RouteTable;
import io.nextops.web.route.Route;
import io.nextops.web.route.Endpoint;
import io.nextops.web.route.Access;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.Role;
import io.nextops.server.config.AuthConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, passwords and JWTs for the API, as the original's SimpleJWT setup: log in at {@code POST /api/token/},
 * refresh (rotating, the old refresh token blacklisted) at {@code POST /api/token/refresh/}, and send
 * {@code Authorization: Bearer <access>} on every other {@code /api/} call. {@link #routes} are the token endpoints
 * and the filter that applies each route's access rule; the domain routes then find the {@link Caller} on the request. Thread-safe.
 *
 * <pre>{@code
 * Authentication auth = Authentication.create(config.auth(), jdbi, config.dataDir());
 * routes.addAll(auth.routes());                        // POST /api/token/ and /api/token/refresh/
 * context.addFilter(auth.accessFilter(table), "/*", requestOnly); // after the error filter
 Authentication.ensureAdmin(config.auth(), jdbi, env.get("NEXTOPS_ADMIN_PASSWORD"), System.out); // on serve
 * }</pre>
 *
 * <p>The user is read by primary key on every authenticated request (no cache), so deactivating or deleting a user
 * takes effect at once. Passwords and tokens are never logged.
 */
public final class Authentication {
    private static final Logger log = LoggerFactory.getLogger(Authentication.class);
    static final String BAD_CREDENTIALS = "No active account found with the given credentials";
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    private static final String PASSWORD_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final LoginThrottle throttle;
    private final String metricsToken;
    private final Clock clock;
    private final AtomicLong lastPurgeMillis = new AtomicLong();

    private Authentication(AuthConfig config, Jdbi jdbi, byte[] secret, Clock clock) {
        this.users = new UserStore(jdbi);
        this.hasher = new PasswordHasher(config.passwordIterations());
        this.tokens = new Tokens(secret, config.accessTokenLifetime(), config.refreshTokenLifetime(), clock);
        this.throttle = new LoginThrottle(jdbi, config.maxFailuresPerUsername(), config.maxFailuresPerAddress(),
                config.failureWindow(), clock);
        this.metricsToken = config.metricsToken();
        this.clock = clock;
    }

    /** Reads or generates the JWT secret (see {@code JWT_SECRET}) and builds the service over {@code jdbi}. */
    public static Authentication create(AuthConfig config, Jdbi jdbi, Path dataDir) {
        return create(config, jdbi, dataDir, Clock.systemUTC());
    }

    /** As {@link #create(AuthConfig, Jdbi, Path)} with the clock that tokens and login limits use. */
    public static Authentication create(AuthConfig config, Jdbi jdbi, Path dataDir, Clock clock) {
        return new Authentication(config, jdbi, JwtSecret.resolve(config.jwtSecret(), dataDir), clock);
    }

    /** {@code POST /api/token/} (log in) and {@code POST /api/token/refresh/}: open, light work. */
    public List<Route> routes() {
        return List.of(
                Route.post("/api/token/", "token_obtain",
                        Endpoint.ofServlet(new TokenServlet(this, TokenServlet.Mode.LOGIN))).tag("authentication")
                        .access(Access.OPEN).build(),
                Route.post("/api/token/refresh/", "token_refresh",
                        Endpoint.ofServlet(new TokenServlet(this, TokenServlet.Mode.REFRESH))).tag("authentication")
                        .access(Access.OPEN).build());
    }

    /**
     * The filter that applies every route's {@link Access} of {@code routes} (bearer tokens, manager role, metrics
     * access); the server maps it on every request, after the error filter.
     */
    public Filter accessFilter(RouteTable routes) {
        return new RouteAccessFilter(this, routes, new MetricsAccess(metricsToken));
    }

    /**
     * Creates a user with a password hashed at the configured strength.
     *
     * @return the new user's id
     * @throws IllegalArgumentException when the username is taken, or a value is empty or too long
     */
    public static long createUser(AuthConfig config, Jdbi jdbi, String username, Role role, String email,
                                  String password) {
        checkNewUser(username, password);
        String hash = new PasswordHasher(config.passwordIterations()).hash(password);
        return new UserStore(jdbi).insert(username, hash, role, email, Instant.now())
                .orElseThrow(() -> new IllegalArgumentException("user \"" + username + "\" already exists"));
    }

    /**
     * When there is no user at all, creates {@code admin} (role admin) with {@code password}, or with a generated one
     * printed once to {@code console} (never to the log) when {@code password} is null or blank. Does nothing
     * otherwise, or when another instance created a user meanwhile.
     */
    public static void ensureAdmin(AuthConfig config, Jdbi jdbi, String password, PrintStream console) {
        UserStore users = new UserStore(jdbi);
        if (users.count() > 0) {
            return;
        }
        boolean generated = password == null || password.isBlank();
        String pw = generated ? generatePassword() : password;
        checkNewUser("admin", pw);
        String hash = new PasswordHasher(config.passwordIterations()).hash(pw);
        Optional<Long> id = users.insert("admin", hash, Role.ADMIN, "", Instant.now());
        if (id.isEmpty()) {
            return;
        }
        log.warn("no user existed: created user \"admin\" (role admin) with {}", generated
                ? "a generated password shown once on the console" : "the password from NEXTOPS_ADMIN_PASSWORD");
        if (generated) {
            console.println("==================================================================");
            console.println(" NextOps: created user \"admin\" (role admin). Its password, shown");
            console.println(" only this once (log in, then create users with create-user):");
            console.println();
            console.println("     " + pw);
            console.println("==================================================================");
            console.flush();
        }
    }

    private static void checkNewUser(String username, String password) {
        if (username == null || username.isBlank() || username.length() > 150) {
            throw new IllegalArgumentException("username must be 1 to 150 characters, was \"" + username + "\"");
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("the password must have at least 8 characters");
        }
        if (password.length() > 4096) {
            throw new IllegalArgumentException("the password must have at most 4096 characters");
        }
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length())));
        }
        return sb.toString();
    }

    /**
     * Checks a login. Unknown user, wrong password and inactive user all get the same 401 after a full hash
     * computation; over a failure limit, 429 before any check.
     */
    Tokens.Pair login(String username, String password, String address) {
        throttle.check(username, address);
        // PostgreSQL refuses NUL in text: such a username cannot exist, and must not turn into a 500
        boolean impossible = password.length() > 4096 || username.indexOf('\0') >= 0;
        Optional<User> found = impossible ? Optional.empty() : users.byUsername(username);
        boolean ok = found.isPresent() ? hasher.verify(password, found.get().passwordHash()) : hasher.verifyNothing(password);
        if (!ok || !found.get().active()) {
            throttle.failed(username, address);
            log.info("failed login for a username of {} characters from {}", username.length(), address);
            throw new ApiException(ApiException.Kind.NOT_AUTHENTICATED, "no_active_account", BAD_CREDENTIALS);
        }
        User user = found.get();
        throttle.succeeded(username);
        users.recordLogin(user.id(), clock.instant(),
                hasher.needsRehash(user.passwordHash()) ? hasher.hash(password) : null);
        return tokens.issue(user.id());
    }

    /** Rotates a refresh token: the old one is blacklisted and a new pair issued; 401 when used twice. */
    Tokens.Pair refresh(String refreshToken) {
        Tokens.RefreshClaims claims = tokens.verifyRefresh(refreshToken);
        if (users.isBlacklisted(claims.jti())) {
            throw Tokens.invalid("Token is blacklisted");
        }
        User user = activeUser(claims.userId());
        // the insert decides between two concurrent uses of the same token: only one gets a new pair
        if (!users.blacklist(claims.jti(), user.id(), claims.expiresAt())) {
            throw Tokens.invalid("Token is blacklisted");
        }
        purgeNowAndThen();
        return tokens.issue(user.id());
    }

    /** The caller of an {@code Authorization} header value; 401 unless a valid access token of an active user. */
    Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.notAuthenticated("Authentication credentials were not provided.");
        }
        String[] parts = authorization.trim().split(" +");
        if (!parts[0].equalsIgnoreCase("Bearer")) {
            throw ApiException.notAuthenticated("Authentication credentials were not provided.");
        }
        if (parts.length != 2) {
            throw Tokens.invalid("Authorization header must contain two space-delimited values");
        }
        User user = activeUser(tokens.verifyAccess(parts[1]));
        return new Caller(user.id(), user.username(), user.role());
    }

    private User activeUser(long id) {
        User user = users.byId(id)
                .orElseThrow(() -> new ApiException(ApiException.Kind.NOT_AUTHENTICATED, "user_not_found", "User not found"));
        if (!user.active()) {
            throw new ApiException(ApiException.Kind.NOT_AUTHENTICATED, "user_inactive", "User is inactive");
        }
        return user;
    }

    private void purgeNowAndThen() {
        long now = clock.millis();
        long last = lastPurgeMillis.get();
        if (now - last >= PURGE_INTERVAL.toMillis() && lastPurgeMillis.compareAndSet(last, now)) {
            int purged = users.purgeBlacklist(Instant.ofEpochMilli(now));
            if (purged > 0) {
                log.info("purged {} expired refresh token(s) from the blacklist", purged);
            }
        }
    }
}
