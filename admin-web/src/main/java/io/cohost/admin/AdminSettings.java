package io.cohost.admin;

import java.time.Duration;

/**
 * Settings of the admin plane, each with its default and unit.
 *
 * @param sessionIdleTimeout   a browser session ends after this long without a request (default 30 min)
 * @param sessionMaxAge        and after this long in any case (default 12 h)
 * @param maxSessions          most open sessions; the least recently used one ends first (default 100)
 * @param loginFailuresAllowed failed logins one client address may make within the window (default 5)
 * @param loginFailureWindow   how long a failed login counts against its address (default 15 min)
 * @param figureInterval       how often live figures are sampled (default 2 s)
 * @param figureWindow         how much history of figures is kept for charts (default 15 min)
 * @param maxJsonBodyBytes     largest JSON or form body accepted; WAR uploads have the host's own limit (default 64 KiB)
 */
public record AdminSettings(Duration sessionIdleTimeout, Duration sessionMaxAge, int maxSessions, int loginFailuresAllowed,
        Duration loginFailureWindow, Duration figureInterval, Duration figureWindow, int maxJsonBodyBytes) {

    public static AdminSettings defaults() {
        return new AdminSettings(Duration.ofMinutes(30), Duration.ofHours(12), 100, 5, Duration.ofMinutes(15),
                Duration.ofSeconds(2), Duration.ofMinutes(15), 64 * 1024);
    }
}
