package io.cohost.kernel.management;

import io.cohost.kernel.tenant.TenantEvent;
import java.util.List;
import java.util.Map;

/**
 * What the management API tells about one app.
 *
 * @param state       lifecycle state (see {@code TenantState})
 * @param stateDetail cause of FAILED or reason of KILLED, else empty
 * @param version     SHA-256 of the WAR it runs (or would run)
 * @param startedAt   ISO-8601 instant the running instance started, empty when not running
 * @param quota       the app's own quotas as set ({@code cpu -> 250m}); host defaults apply to the rest
 * @param meters      live figures of the running instance ({@code cpuMillicores}, {@code cpuSeconds},
 *                    {@code threads}, {@code throttled}, {@code openFiles} and {@code openFiles.KIND} (open file handles,
 *                    by kind: {@code file}, {@code socket}, ...)); a figure that is not measured is absent, never 0
 * @param descriptor  the operator's descriptor as given at deploy (YAML or JSON), empty if none
 * @param access      the files, network destinations and processes the app may use beyond its own files
 */
public record AppInfo(String name, String state, String stateDetail, String contextPath, String version,
        String previousVersion, String desiredState, String deployedAt, String startedAt, String source,
        Map<String, String> quota, Map<String, Double> meters, List<TenantEvent> events, String descriptor,
        AccessPolicy access) {

    /** An app with the default access policy. */
    public AppInfo(String name, String state, String stateDetail, String contextPath, String version,
            String previousVersion, String desiredState, String deployedAt, String startedAt, String source,
            Map<String, String> quota, Map<String, Double> meters, List<TenantEvent> events, String descriptor) {
        this(name, state, stateDetail, contextPath, version, previousVersion, desiredState, deployedAt, startedAt, source,
                quota, meters, events, descriptor, AccessPolicy.defaults());
    }
}
