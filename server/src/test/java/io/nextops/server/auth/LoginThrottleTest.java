package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nextops.web.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), 100, clock);

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
    void limitResetsWhenTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(catchThrowableOfType(() -> throttle.check("ana", "10.0.0.1"), ApiException.class)
                .retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("ana", "10.0.0.1")).doesNotThrowAnyException();
        assertThat(throttle.size()).isZero();
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
    void holdsNoMoreKeysThanItsCapacity() {
        for (int i = 0; i < 1000; i++) {
            throttle.failed("user" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(200);
    }

    @Test
    void zeroTurnsALimitOff() {
        LoginThrottle off = new LoginThrottle(0, 0, Duration.ofMinutes(1), 10, clock);
        for (int i = 0; i < 50; i++) {
            off.failed("ana", "10.0.0.1");
        }
        assertThatCode(() -> off.check("ana", "10.0.0.1")).doesNotThrowAnyException();
        assertThat(off.size()).isZero();
    }
}
