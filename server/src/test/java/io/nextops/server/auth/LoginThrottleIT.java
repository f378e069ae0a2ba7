package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nextops.server.TestServer;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import io.nextops.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login throttle's policy over its real table (a fresh migrated database per test): the windows are moved with
 * a hand-moved clock; two throttles over one database stand for two server instances.
 */
class LoginThrottleIT {
    private final ManualClock clock = new ManualClock();
    private Database database;
    private LoginThrottle throttle;

    /** A fresh database migrated as the server does it. */
    static Database openDatabase() {
        TestDatabase db = SharedPostgres.newDatabase("throttle");
        ServerConfig config = ServerConfig.fromEnv(Map.of("DATABASE_URL", db.postgresUrl(),
                "JWT_SECRET", TestServer.JWT_SECRET, "DB_POOL_SIZE", "8"));
        return Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
    }

    @BeforeEach
    void open() {
        database = openDatabase();
        throttle = new LoginThrottle(database.jdbi(), 3, 5, Duration.ofMinutes(15), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void blocksAUsernameAfterItsLimitWithTheSecondsLeftInTheWindow() {
        for (int i = 0; i < 3; i++) {
            throttle.check("ana", "10.0.0." + i);
            throttle.failed("ana", "10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(5));
        ApiException e = catchThrowableOfType(() -> throttle.check("ana", "10.0.0.9"), ApiException.class);
        assertThat(e.kind()).isEqualTo(ApiException.Kind.RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isEqualTo(600);
        assertThat(e.getMessage()).contains("Too many failed login attempts. Try again in 600 seconds.");
        assertThatCode(() -> throttle.check("bob", "10.0.0.9")).doesNotThrowAnyException();
    }

    @Test
    void blocksAnAddressAfterItsLimitWhateverTheUsernames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(catchThrowableOfType(() -> throttle.check("someone-else", "10.0.0.1"), ApiException.class)
                .retryAfterSeconds()).isEqualTo(900);
        assertThatCode(() -> throttle.check("someone-else", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void limitResetsWhenTheWindowEndsAndTheNextFailureStartsANewWindow() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(catchThrowableOfType(() -> throttle.check("ana", "10.0.0.1"), ApiException.class)
                .retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("ana", "10.0.0.1")).doesNotThrowAnyException();
        // the ended window's row is reused: one failure now is one failure, not four
        throttle.failed("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        assertThatCode(() -> throttle.check("ana", "10.0.0.1")).doesNotThrowAnyException();
        throttle.failed("ana", "10.0.0.1");
        assertThat(catchThrowableOfType(() -> throttle.check("ana", "10.0.0.1"), ApiException.class)
                .retryAfterSeconds()).isEqualTo(900);
    }

    @Test
    void goodLoginClearsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        throttle.succeeded("ana");
        throttle.failed("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        assertThatCode(() -> throttle.check("ana", "10.0.0.2")).doesNotThrowAnyException();
        throttle.failed("x", "10.0.0.1");
        assertThatCode(() -> throttle.check("y", "10.0.0.1")).isInstanceOf(ApiException.class);
    }

    @Test
    void endedWindowsArePrunedSoTheTableDoesNotGrowWithoutBound() {
        for (int i = 0; i < 200; i++) {
            throttle.failed("user" + i, "10.0." + (i / 100) + "." + (i % 100));
        }
        assertThat(throttle.size()).isEqualTo(400);
        clock.advance(Duration.ofMinutes(15).plus(LoginThrottle.PRUNE_INTERVAL));
        throttle.failed("late", "10.9.9.9");
        assertThat(throttle.size()).isEqualTo(2);
    }

    @Test
    void zeroTurnsALimitOff() {
        LoginThrottle off = new LoginThrottle(database.jdbi(), 0, 0, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 50; i++) {
            off.failed("ana", "10.0.0.1");
        }
        assertThatCode(() -> off.check("ana", "10.0.0.1")).doesNotThrowAnyException();
        assertThat(off.size()).isZero();
    }

    @Test
    void keysThatPostgresqlTextRefusesAreStillCounted() {
        String nul = "ana\0" + "x".repeat(300);
        for (int i = 0; i < 3; i++) {
            throttle.failed(nul, "10.0.0.1\0" + "y".repeat(300));
        }
        assertThatCode(() -> throttle.check(nul, "10.0.0.7")).isInstanceOf(ApiException.class);
    }

    @Test
    void twoInstancesCountingAtOnceOnOneDatabaseLoseNoFailure() throws Exception {
        LoginThrottle wide = new LoginThrottle(database.jdbi(), 1000, 1000, Duration.ofMinutes(15), clock);
        LoginThrottle other = new LoginThrottle(database.jdbi(), 1000, 1000, Duration.ofMinutes(15), clock);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                LoginThrottle instance = t % 2 == 0 ? wide : other;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        instance.failed("ana", "10.0.0.1");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int counted = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT failures FROM auth_login_failure WHERE kind = 'address' AND key = '10.0.0.1'")
                .mapTo(Integer.class).one());
        assertThat(counted).isEqualTo(300);
    }
}
