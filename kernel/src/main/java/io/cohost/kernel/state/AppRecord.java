package io.cohost.kernel.state;

import io.cohost.kernel.management.AccessPolicy;
import java.util.Objects;

/**
 * The persisted description of one app, stored as {@code DATA/apps/NAME/app.json}.
 *
 * @param version         SHA-256 of the current WAR, which is stored as {@code wars/VERSION.war}
 * @param previousVersion SHA-256 of the version before it, kept for rollback; empty if none
 * @param deployedAt      ISO-8601 instant of the deploy of {@code version}
 * @param source          who deployed it: {@code api} or {@code dropin} (the drop-in directory
 *                        undeploys only apps it deployed)
 * @param quota           the app's quotas as the operator wrote them ({@code cpu: 250m}); empty means host defaults
 * @param descriptor      the operator's descriptor (YAML or JSON, as given at deploy); empty if none. The
 *                        WAR's own {@code WEB-INF/cohost.yaml} is read from the WAR, not stored here.
 * @param access          the files, network destinations and processes the app may use beyond its own files, as
 *                        in force: the operator descriptor's {@code access} at deploy, or as changed live since;
 *                        the defaults in records written before it existed
 */
public record AppRecord(String name, String contextPath, DesiredState desiredState, String version,
        String previousVersion, String deployedAt, String source, java.util.Map<String, String> quota, String descriptor,
        AccessPolicy access) {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_DROPIN = "dropin";

    public AppRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contextPath, "contextPath");
        Objects.requireNonNull(desiredState, "desiredState");
        Objects.requireNonNull(version, "version");
        previousVersion = previousVersion == null ? "" : previousVersion;
        deployedAt = deployedAt == null ? "" : deployedAt;
        source = source == null ? SOURCE_API : source;
        quota = quota == null ? java.util.Map.of() : java.util.Map.copyOf(quota);
        descriptor = descriptor == null ? "" : descriptor;
        access = access == null ? AccessPolicy.defaults() : access;
    }

    public AppRecord(String name, String contextPath, DesiredState desiredState, String version, String previousVersion,
            String deployedAt, String source, java.util.Map<String, String> quota) {
        this(name, contextPath, desiredState, version, previousVersion, deployedAt, source, quota, "", AccessPolicy.defaults());
    }

    public AppRecord withDesiredState(DesiredState desired) {
        return new AppRecord(name, contextPath, desired, version, previousVersion, deployedAt, source, quota, descriptor, access);
    }

    public AppRecord withQuota(java.util.Map<String, String> q) {
        return new AppRecord(name, contextPath, desiredState, version, previousVersion, deployedAt, source, q, descriptor, access);
    }

    public AppRecord withAccess(AccessPolicy a) {
        return new AppRecord(name, contextPath, desiredState, version, previousVersion, deployedAt, source, quota, descriptor, a);
    }
}
