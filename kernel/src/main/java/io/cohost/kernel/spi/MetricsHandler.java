package io.cohost.kernel.spi;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the Prometheus text exposition of the host's registry at {@code GET /metrics}: on its own when
 * the host has no admin plane, else inside the admin plane, behind its access control (Prometheus then
 * scrapes with a bearer token: {@code authorization: {credentials_file: ...}} in its scrape config).
 */
public final class MetricsHandler extends Handler.Abstract.NonBlocking {
    private final PrometheusMeterRegistry registry;

    public MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"/metrics".equals(Request.getPathInContext(request)) || !"GET".equals(request.getMethod())) {
            return false;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.write(true, StandardCharsets.UTF_8.encode(registry.scrape()), callback);
        return true;
    }
}
