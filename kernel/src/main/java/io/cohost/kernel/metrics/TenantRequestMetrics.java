package io.cohost.kernel.metrics;

import io.cohost.kernel.dispatch.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every request to one app, tagged {@code app} and {@code status}: published as
 * {@code cohost_requests_seconds_count/sum/max{app,status}} and a histogram
 * {@code cohost_requests_seconds_bucket{app,status,le}}. Closing it removes its meters.
 *
 * <p>The histogram has a fixed 1-2-5 ladder of {@link #LATENCY_BUCKETS} from 1 ms to 60 s, the same for
 * every app and status, so buckets can be summed across statuses and apps and a percentile estimated
 * from them (Prometheus {@code histogram_quantile}, the admin plane's p99). Fifteen buckets keep the
 * scrape small; Micrometer's own percentile histogram would publish about seventy per timer.
 */
public final class TenantRequestMetrics implements RequestObserver, AutoCloseable {
    public static final String NAME = "cohost.requests";
    /** Upper bounds of the latency histogram's buckets. */
    public static final List<Duration> LATENCY_BUCKETS = Stream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000,
            5_000, 10_000, 20_000, 60_000).map(Duration::ofMillis).toList();

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
                        .serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
                        .register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        byStatus.values().forEach(registry::remove);
        byStatus.clear();
    }
}
