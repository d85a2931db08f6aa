package io.cohost.kernel.management;

import java.util.Map;
import java.util.Optional;

/**
 * Options of a deploy.
 *
 * @param contextPath the path the app is served at; empty means keep the current one, or {@code /NAME}
 * @param start       whether the app should run after the deploy (default true)
 * @param source      who deploys: {@code api} or {@code dropin}
 * @param quota       quotas to set ({@code cpu -> 250m}), merged over the app's current ones
 */
public record DeployRequest(Optional<String> contextPath, boolean start, String source, Map<String, String> quota) {
    public DeployRequest {
        quota = Map.copyOf(quota);
    }

    public static DeployRequest defaults() {
        return new DeployRequest(Optional.empty(), true, "api", Map.of());
    }

    public DeployRequest withContextPath(String path) {
        return new DeployRequest(Optional.ofNullable(path).filter(p -> !p.isBlank()), start, source, quota);
    }

    public DeployRequest withSource(String s) {
        return new DeployRequest(contextPath, start, s, quota);
    }

    public DeployRequest withStart(boolean s) {
        return new DeployRequest(contextPath, s, source, quota);
    }

    /** Quotas to set with this deploy ({@code cpu -> 250m}); they replace the app's current ones key by key. */
    public DeployRequest withQuota(Map<String, String> q) {
        return new DeployRequest(contextPath, start, source, q);
    }
}
