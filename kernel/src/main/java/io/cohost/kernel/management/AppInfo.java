package io.cohost.kernel.management;

import io.cohost.kernel.tenant.TenantEvent;
import java.util.List;

/**
 * What the management API tells about one app.
 *
 * @param state       lifecycle state (see {@code TenantState})
 * @param stateDetail cause of FAILED or reason of KILLED, else empty
 * @param version     SHA-256 of the WAR it runs (or would run)
 * @param startedAt   ISO-8601 instant the running instance started, empty when not running
 */
public record AppInfo(String name, String state, String stateDetail, String contextPath, String version,
        String previousVersion, String desiredState, String deployedAt, String startedAt, String source,
        List<TenantEvent> events) {}
