package io.cohost.admin.figures;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The cumulative request counts of one app, read from the kernel's {@code cohost.requests} timers
 * (one per status), and what two readings tell about the time between them: requests per second, the
 * share of 5xx answers, and the 99th percentile of latency estimated from the histogram buckets, the
 * way Prometheus' {@code histogram_quantile} does it (linear within the bucket).
 */
record RequestCounters(long requests, long errors, TreeMap<Double, Long> buckets) {
    /** The kernel's request timer (io.cohost.kernel.metrics.TenantRequestMetrics), tagged app and status. */
    static final String TIMER = "cohost.requests";

    static RequestCounters read(MeterRegistry registry, String app) {
        long requests = 0;
        long errors = 0;
        TreeMap<Double, Long> buckets = new TreeMap<>();
        for (Timer timer : registry.find(TIMER).tag("app", app).timers()) {
            long count = timer.count();
            requests += count;
            String status = timer.getId().getTag("status");
            if (status != null && status.startsWith("5")) {
                errors += count;
            }
            for (CountAtBucket b : timer.takeSnapshot().histogramCounts()) {
                buckets.merge(b.bucket(TimeUnit.SECONDS), (long) b.count(), Long::sum);
            }
        }
        return new RequestCounters(requests, errors, buckets);
    }

    /** The figures of the interval since {@code before}; a counter that went backwards (meters re-created) starts over. */
    void figuresSince(RequestCounters before, double seconds, Map<String, Double> into) {
        boolean reset = requests < before.requests;
        long n = reset ? requests : requests - before.requests;
        long failed = reset ? errors : errors - before.errors;
        into.put(Figures.REQUESTS_PER_SECOND, n / seconds);
        if (n > 0) {
            into.put(Figures.ERROR_RATIO, (double) failed / n);
            quantile(0.99, n, reset ? new TreeMap<>() : before.buckets).ifPresent(q -> into.put(Figures.P99_SECONDS, q));
        }
    }

    private OptionalDouble quantile(double q, long total, TreeMap<Double, Long> earlier) {
        if (buckets.isEmpty()) {
            return OptionalDouble.empty();
        }
        double rank = q * total;
        double lowerBound = 0;
        long lowerCount = 0;
        for (Map.Entry<Double, Long> b : buckets.entrySet()) {
            long count = b.getValue() - earlier.getOrDefault(b.getKey(), 0L);
            if (count >= rank) {
                double share = count == lowerCount ? 1 : (rank - lowerCount) / (count - lowerCount);
                return OptionalDouble.of(lowerBound + (b.getKey() - lowerBound) * share);
            }
            lowerBound = b.getKey();
            lowerCount = count;
        }
        return OptionalDouble.of(lowerBound); // slower than the last bucket: all that can be said is "at least"
    }
}
