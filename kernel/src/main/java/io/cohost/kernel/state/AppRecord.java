package io.cohost.kernel.state;

import java.util.Objects;

/**
 * The persisted description of one app, stored as {@code DATA/apps/NAME/app.json}.
 *
 * @param version         SHA-256 of the current WAR, which is stored as {@code wars/VERSION.war}
 * @param previousVersion SHA-256 of the version before it, kept for rollback; empty if none
 * @param deployedAt      ISO-8601 instant of the deploy of {@code version}
 * @param source          who deployed it: {@code api} or {@code dropin} (the drop-in directory
 *                        undeploys only apps it deployed)
 */
public record AppRecord(String name, String contextPath, DesiredState desiredState, String version,
        String previousVersion, String deployedAt, String source) {

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
    }

    public AppRecord withDesiredState(DesiredState desired) {
        return new AppRecord(name, contextPath, desired, version, previousVersion, deployedAt, source);
    }
}
