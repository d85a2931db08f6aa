package io.cohost.kernel.management;

import java.util.Map;
import java.util.Optional;

/**
 * Options of a deploy.
 *
 * @param contextPath the path the app is served at; empty means the descriptor's, else the current one, else {@code /NAME}
 * @param start       whether the app should run after the deploy (default true)
 * @param source      who deploys: {@code api} or {@code dropin}
 * @param quota       quotas to set ({@code cpu -> 250m}), merged over the app's current ones (and over the
 *                    descriptor's {@code quota})
 * @param descriptor  the operator's descriptor for the app, YAML or JSON (see {@code config.AppDescriptor});
 *                    empty keeps the one the app was deployed with before
 */
public record DeployRequest(Optional<String> contextPath, boolean start, String source, Map<String, String> quota,
        Optional<String> descriptor) {
    public DeployRequest {
        quota = Map.copyOf(quota);
    }

    public DeployRequest(Optional<String> contextPath, boolean start, String source, Map<String, String> quota) {
        this(contextPath, start, source, quota, Optional.empty());
    }

    public static DeployRequest defaults() {
        return new DeployRequest(Optional.empty(), true, "api", Map.of(), Optional.empty());
    }

    public DeployRequest withContextPath(String path) {
        return new DeployRequest(Optional.ofNullable(path).filter(p -> !p.isBlank()), start, source, quota, descriptor);
    }

    public DeployRequest withSource(String s) {
        return new DeployRequest(contextPath, start, s, quota, descriptor);
    }

    public DeployRequest withStart(boolean s) {
        return new DeployRequest(contextPath, s, source, quota, descriptor);
    }

    /** Quotas to set with this deploy ({@code cpu -> 250m}); they replace the app's current ones key by key. */
    public DeployRequest withQuota(Map<String, String> q) {
        return new DeployRequest(contextPath, start, source, q, descriptor);
    }

    /** The operator's descriptor (YAML or JSON text) for this deploy; it replaces the one persisted with the app. */
    public DeployRequest withDescriptor(String text) {
        return new DeployRequest(contextPath, start, source, quota, Optional.ofNullable(text));
    }
}
