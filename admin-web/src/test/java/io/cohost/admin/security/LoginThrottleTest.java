package io.cohost.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.admin.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);

    @Test
    void fiveFailuresLockTheAddressUntilTheFirstLeavesTheWindow() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.lockedFor("10.0.0.1")).isEmpty();

        throttle.failed("10.0.0.1");

        assertThat(throttle.lockedFor("10.0.0.1")).contains(Duration.ofMinutes(11));
        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.lockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void otherAddressesAreNotLocked() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1");
        }

        assertThat(throttle.lockedFor("10.0.0.1")).isPresent();
        assertThat(throttle.lockedFor("10.0.0.2")).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
        }
        throttle.succeeded("10.0.0.1");
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
        }

        assertThat(throttle.lockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("10.0.0.1");

        assertThat(throttle.lockedFor("10.0.0.1")).isEmpty();
    }
}
