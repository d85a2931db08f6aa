package io.cohost.kernel.management;

import java.util.Optional;

/**
 * Options of a deploy.
 *
 * @param contextPath the path the app is served at; empty means keep the current one, or {@code /NAME}
 * @param start       whether the app should run after the deploy (default true)
 * @param source      who deploys: {@code api} or {@code dropin}
 */
public record DeployRequest(Optional<String> contextPath, boolean start, String source) {
    public static DeployRequest defaults() {
        return new DeployRequest(Optional.empty(), true, "api");
    }

    public DeployRequest withContextPath(String path) {
        return new DeployRequest(Optional.ofNullable(path).filter(p -> !p.isBlank()), start, source);
    }

    public DeployRequest withSource(String s) {
        return new DeployRequest(contextPath, start, s);
    }

    public DeployRequest withStart(boolean s) {
        return new DeployRequest(contextPath, s, source);
    }
}
