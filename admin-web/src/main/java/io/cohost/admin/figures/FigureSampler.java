package io.cohost.admin.figures;

import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.HostManagement;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the live figures of the host and of every app (its request rates from the host's meters,
 * its resource meters from the management API) at a fixed interval, on one daemon thread,
 * and keeps the last {@code window} of them in memory for the UI's charts (a host restart starts them
 * afresh; Prometheus is the place for long history). Reading meters is all it does: it never touches
 * an app's threads.
 */
public final class FigureSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FigureSampler.class);

    private final HostManagement management;
    private final MeterRegistry registry;
    private final Duration interval;
    private final int capacity;
    private final Clock clock;
    private final Map<String, AppSeries> apps = new ConcurrentHashMap<>();
    private final HostFigures hostFigures = new HostFigures();
    private volatile Sample host = new Sample(java.time.Instant.EPOCH, Map.of());
    private ScheduledExecutorService timer;

    public FigureSampler(HostManagement management, MeterRegistry registry, Duration interval, Duration window, Clock clock) {
        this.management = management;
        this.registry = registry;
        this.interval = interval;
        this.capacity = (int) Math.max(1, window.toMillis() / interval.toMillis());
        this.clock = clock;
    }

    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cohost-admin-figures");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sampleSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    public Duration interval() {
        return interval;
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (Throwable t) {
            LOG.warn("sampling the live figures failed; trying again in {}", interval, t);
        }
    }

    /** One round: every app, then the host. Public for tests, which sample on their own schedule. */
    public synchronized void sample() {
        long nanos = System.nanoTime();
        var at = clock.instant();
        Set<String> present = new HashSet<>();
        for (AppInfo app : management.apps()) {
            present.add(app.name());
            apps.computeIfAbsent(app.name(), n -> new AppSeries(n, capacity)).sample(registry, app, nanos, at);
        }
        apps.keySet().retainAll(present);
        host = new Sample(at, hostFigures.sample(nanos));
    }

    /** The newest figures of every app that has any. */
    public Map<String, Sample> latest() {
        return apps.entrySet().stream()
                .filter(e -> e.getValue().latest().isPresent())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().latest().orElseThrow()));
    }

    /** An app's samples over the window, oldest first; empty for an app not (yet) sampled. */
    public List<Sample> history(String app) {
        return Optional.ofNullable(apps.get(app)).map(AppSeries::samples).orElse(List.of());
    }

    public Sample host() {
        return host;
    }
}
