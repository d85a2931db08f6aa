package io.cohost.kernel.tenant;

import java.time.Duration;

/**
 * What happens after the host kills an app for a violation (an exit call, a quota): nothing (the
 * default: an operator looks and restarts it), or an automatic restart after an exponential back-off,
 * {@code initialBackoff × 2^(kills−1)} up to {@code maxBackoff}. An app killed {@code quarantineAfter}
 * times within {@code window} is quarantined: it stays KILLED until an operator starts it.
 */
public record RestartPolicy(boolean autoRestart, Duration initialBackoff, Duration maxBackoff, int quarantineAfter,
        Duration window) {

    public static RestartPolicy manual() {
        return new RestartPolicy(false, Duration.ofSeconds(1), Duration.ofMinutes(1), 5, Duration.ofMinutes(10));
    }

    public static RestartPolicy automatic(Duration initialBackoff, int quarantineAfter) {
        return new RestartPolicy(true, initialBackoff, Duration.ofMinutes(1), quarantineAfter, Duration.ofMinutes(10));
    }

    Duration backoff(int recentKills) {
        long factor = 1L << Math.min(20, Math.max(0, recentKills - 1));
        Duration d = initialBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
