package io.cohost.admin.figures;

import io.cohost.kernel.management.AppInfo;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One app's figures over time: keeps the last request counts to turn them into rates. */
final class AppSeries {
    private final String app;
    private final FigureHistory history;
    private RequestCounters lastRequests;
    private long lastNanos;

    AppSeries(String app, int capacity) {
        this.app = app;
        this.history = new FigureHistory(capacity);
    }

    /** Takes a reading; from the second one on, adds a sample. */
    void sample(MeterRegistry registry, AppInfo info, long nanos, Instant at) {
        RequestCounters requests = RequestCounters.read(registry, app);
        if (lastRequests != null) {
            double seconds = Math.max(1e-3, (nanos - lastNanos) / 1e9);
            Map<String, Double> figures = new HashMap<>(info.meters());
            requests.figuresSince(lastRequests, seconds, figures);
            history.add(new Sample(at, figures));
        }
        lastRequests = requests;
        lastNanos = nanos;
    }

    List<Sample> samples() {
        return history.all();
    }

    Optional<Sample> latest() {
        return history.latest();
    }
}
