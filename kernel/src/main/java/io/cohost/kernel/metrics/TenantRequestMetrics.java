package io.cohost.kernel.metrics;

import io.cohost.kernel.dispatch.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every request to one app, tagged {@code app} and {@code status}: published as
 * {@code cohost_requests_seconds_count/sum/max{app,status}}. Closing it removes its meters.
 */
public final class TenantRequestMetrics implements RequestObserver, AutoCloseable {
    public static final String NAME = "cohost.requests";

    private final String app;
    private final MeterRegistry registry;
    private final Map<Integer, Timer> byStatus = new ConcurrentHashMap<>();

    public TenantRequestMetrics(String app, MeterRegistry registry) {
        this.app = app;
        this.registry = registry;
    }

    @Override
    public Callback begin(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                record(response.getStatus(), start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(500, start);
                super.failed(x);
            }
        };
    }

    private void record(int status, long startNanos) {
        int code = status == 0 ? 200 : status;
        byStatus.computeIfAbsent(code, c -> Timer.builder(NAME)
                        .description("Requests served by an app")
                        .tag("app", app)
                        .tag("status", Integer.toString(c))
                        .register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        byStatus.values().forEach(registry::remove);
        byStatus.clear();
    }
}
