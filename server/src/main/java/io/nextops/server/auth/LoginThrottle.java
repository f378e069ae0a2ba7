package io.nextops.server.auth;

import io.nextops.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins per username and per client address in fixed windows that start at the first failure, in the
 * PostgreSQL table {@code auth_login_failure}, so that every server instance on the database counts together. Once a
 * key has {@code max} failures in its window, {@link #check} answers 429 with {@code Retry-After} until the window
 * ends. Thread-safe.
 *
 * <p>Each failure is one statement ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}) that adds to both keys,
 * or starts a new window in a row whose window has ended, atomically however many instances count at once. Rows of
 * ended windows are deleted at most once per {@link #PRUNE_INTERVAL} per instance, on a failure (the only thing
 * that adds rows), so the table holds no more than the keys that failed within the last window and prune interval.
 * Times come from {@code clock} (tests move it by hand), so the instances' clocks must agree (NTP): a skew of a few
 * seconds moves a window's end by as much.
 */
final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    // keys are client input: keep them short (the column is varchar(160))
    private static final int MAX_KEY_LENGTH = 160;
    private static final String USERNAME = "username";
    private static final String ADDRESS = "address";

    private final Jdbi jdbi;
    private final int maxPerUsername;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final AtomicLong lastPruneMillis = new AtomicLong(Long.MIN_VALUE / 2);

    LoginThrottle(Jdbi jdbi, int maxPerUsername, int maxPerAddress, Duration window, Clock clock) {
        this.jdbi = jdbi;
        this.maxPerUsername = maxPerUsername;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Throws a rate-limited ApiException when either the username or the address is over its limit. */
    void check(String username, String address) {
        if (maxPerUsername == 0 && maxPerAddress == 0) {
            return;
        }
        Instant now = now();
        long wait = jdbi.withHandle(h -> h.createQuery("""
                        SELECT kind, failures, window_ends_at FROM auth_login_failure
                        WHERE window_ends_at > :now
                          AND ((kind = 'username' AND key = :username) OR (kind = 'address' AND key = :address))""")
                .bind("now", timestamp(now))
                .bind("username", usernameKey(username))
                .bind("address", addressKey(address))
                .map((rs, ctx) -> {
                    int max = USERNAME.equals(rs.getString(1)) ? maxPerUsername : maxPerAddress;
                    if (max == 0 || rs.getInt(2) < max) {
                        return 0L;
                    }
                    long millis = Duration.between(now, rs.getObject(3, OffsetDateTime.class).toInstant()).toMillis();
                    return Math.max(1, (millis + 999) / 1000);
                })
                .list().stream().mapToLong(Long::longValue).max().orElse(0));
        if (wait > 0) {
            throw ApiException.rateLimited("Too many failed login attempts. Try again in " + wait + " seconds.", wait);
        }
    }

    /** Counts a failure against the username and the address (each unless its limit is 0), in one statement. */
    void failed(String username, String address) {
        List<String[]> keys = new ArrayList<>(2);
        if (maxPerUsername > 0) {
            keys.add(new String[] {USERNAME, usernameKey(username)});
        }
        if (maxPerAddress > 0) {
            keys.add(new String[] {ADDRESS, addressKey(address)});
        }
        if (keys.isEmpty()) {
            return;
        }
        Instant now = now();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:kind").append(i).append(", :key").append(i)
                    .append(", 1, :ends)");
        }
        List<Integer> reached = jdbi.withHandle(h -> {
            var update = h.createQuery("""
                            INSERT INTO auth_login_failure AS f (kind, key, failures, window_ends_at)
                            VALUES %s
                            ON CONFLICT (kind, key) DO UPDATE SET
                                failures = CASE WHEN f.window_ends_at <= :now THEN 1 ELSE f.failures + 1 END,
                                window_ends_at = CASE WHEN f.window_ends_at <= :now THEN excluded.window_ends_at
                                                      ELSE f.window_ends_at END
                            RETURNING kind, failures""".formatted(values))
                    .bind("now", timestamp(now))
                    .bind("ends", timestamp(now.plus(window)));
            for (int i = 0; i < keys.size(); i++) {
                update.bind("kind" + i, keys.get(i)[0]).bind("key" + i, keys.get(i)[1]);
            }
            return update.map((rs, ctx) -> rs.getInt(2) == (USERNAME.equals(rs.getString(1)) ? maxPerUsername
                    : maxPerAddress) ? 1 : 0).list();
        });
        if (reached.contains(1)) {
            log.info("login failure limit reached for a username or the address {}; refused until its window ends",
                    address);
        }
        pruneNowAndThen(now);
    }

    /** A good login clears the username's failures (not the address's: one good account must not reset a spray). */
    void succeeded(String username) {
        if (maxPerUsername == 0) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM auth_login_failure WHERE kind = 'username' AND key = :key")
                .bind("key", usernameKey(username)).execute());
    }

    /** Rows in the table, ended windows included (tests). */
    int size() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM auth_login_failure").mapTo(Integer.class)
                .one());
    }

    private void pruneNowAndThen(Instant now) {
        long last = lastPruneMillis.get();
        if (now.toEpochMilli() - last < PRUNE_INTERVAL.toMillis()
                || !lastPruneMillis.compareAndSet(last, now.toEpochMilli())) {
            return;
        }
        int pruned = jdbi.withHandle(h -> h.createUpdate("DELETE FROM auth_login_failure WHERE window_ends_at <= :now")
                .bind("now", timestamp(now)).execute());
        if (pruned > 0) {
            log.debug("pruned {} ended login failure window(s)", pruned);
        }
    }

    // PostgreSQL keeps microseconds: milliseconds on both sides keep the comparisons exact
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String usernameKey(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((username == null ? "" : username).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // an address literal from Jetty or the forwarded headers; NUL is refused by PostgreSQL's text, so never kept
    static String addressKey(String address) {
        String k = address == null ? "" : address.replace('\0', '?');
        return k.length() > MAX_KEY_LENGTH ? k.substring(0, MAX_KEY_LENGTH) : k;
    }

    @Override
    public String toString() {
        return "LoginThrottle[perUsername=" + maxPerUsername + ", perAddress=" + maxPerAddress + ", window=" + window
                + "]";
    }
}
