package io.cohost.admin.api;

import io.cohost.admin.figures.FigureSampler;
import io.cohost.admin.figures.Sample;
import io.cohost.admin.http.Json;
import io.cohost.kernel.HostConfig;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Live figures:
 *
 * <pre>
 * GET /api/host      the JVM's figures (heap and headroom, CPU, threads, GC) and where the apps are served
 * GET /api/figures   the newest figures of every app; a figure that is not measured is absent
 * </pre>
 */
public final class HostApiHandler extends JsonApi {
    private static final Set<String> WILDCARD = Set.of("", "0.0.0.0", "::", "[::]");

    private final FigureSampler figures;
    private final HostConfig config;
    private final Supplier<URI> tenantUri;

    public HostApiHandler(FigureSampler figures, HostConfig config, Supplier<URI> tenantUri, Json json) {
        super(json);
        this.figures = figures;
        this.config = config;
        this.tenantUri = tenantUri;
    }

    @Override
    boolean serves(String path) {
        return path.equals("/api/host") || path.equals("/api/figures");
    }

    @Override
    void route(String path, Request request, Response response, Callback callback) {
        requireMethod(request, "GET");
        if (path.equals("/api/host")) {
            Sample host = figures.host();
            json.send(response, callback, 200, Map.of("at", host.at(), "figures", host.figures(),
                    "tenantUrl", tenantUrl(request), "intervalSeconds", figures.interval().toSeconds()));
        } else {
            json.send(response, callback, 200, Map.of("intervalSeconds", figures.interval().toSeconds(),
                    "apps", new TreeMap<>(figures.latest())));
        }
    }

    /** Where a browser reaches the apps: the tenant port on the name this browser used, unless the tenant connector is bound to one address. */
    private String tenantUrl(Request request) {
        URI uri = tenantUri.get();
        String host = WILDCARD.contains(config.tenantHost()) ? Request.getServerName(request) : config.tenantHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return uri.getScheme() + "://" + host + ":" + uri.getPort();
    }
}
