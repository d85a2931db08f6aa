package io.cohost.admin.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cohost.admin.MutableClock;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.HostManagement;
import io.cohost.kernel.metrics.TenantRequestMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Figures from the kernel's request timers and from the app's own meters when (and only when) they exist. */
class FigureSamplerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** What the management API reports of the app's meters; a test changes it as the governor would. */
    private volatile Map<String, Double> shopMeters = Map.of();
    private final FigureSampler sampler = new FigureSampler(apps("shop"), registry, Duration.ofSeconds(2),
            Duration.ofMinutes(15), new MutableClock());

    /** A management API that lists the given apps with {@link #shopMeters}; the sampler asks it nothing else. */
    private HostManagement apps(String... names) {
        return (HostManagement) Proxy.newProxyInstance(HostManagement.class.getClassLoader(),
                new Class<?>[] {HostManagement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("apps")) {
                        return java.util.Arrays.stream(names).map(n -> new AppInfo(n, "RUNNING", "", "/" + n, "v", "",
                                "RUNNING", "", "", "api", Map.of(), shopMeters, List.of(), "")).toList();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The same timer the kernel's TenantRequestMetrics registers for a status. */
    private Timer requests(String app, int status) {
        return Timer.builder(TenantRequestMetrics.NAME).tag("app", app).tag("status", Integer.toString(status))
                .serviceLevelObjectives(TenantRequestMetrics.LATENCY_BUCKETS.toArray(Duration[]::new))
                .register(registry);
    }

    private Map<String, Double> figures() {
        return sampler.latest().get("shop").figures();
    }

    @Test
    void requestRateErrorRatioAndP99ComeFromTheRequestTimers() {
        sampler.sample();
        for (int i = 0; i < 95; i++) {
            requests("shop", 200).record(3, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < 5; i++) {
            requests("shop", 503).record(400, TimeUnit.MILLISECONDS);
        }

        sampler.sample();

        assertThat(figures().get(Figures.REQUESTS_PER_SECOND)).isPositive();
        assertThat(figures().get(Figures.ERROR_RATIO)).isCloseTo(0.05, within(1e-9));
        // 99th of 100: among the five slow ones, which fall in the 200 ms..500 ms bucket
        assertThat(figures().get(Figures.P99_SECONDS)).isBetween(0.2, 0.5);
    }

    @Test
    void onlyTheNewRequestsOfTheIntervalCount() {
        for (int i = 0; i < 100; i++) {
            requests("shop", 200).record(900, TimeUnit.MILLISECONDS);
        }
        sampler.sample();
        for (int i = 0; i < 100; i++) {
            requests("shop", 200).record(1, TimeUnit.MILLISECONDS);
        }

        sampler.sample();

        assertThat(figures().get(Figures.P99_SECONDS)).isLessThanOrEqualTo(0.001);
        assertThat(figures().get(Figures.ERROR_RATIO)).isZero();
    }

    @Test
    void withoutRequestsTheRateIsZeroAndErrorRatioAndLatencyAreAbsent() {
        requests("shop", 200);
        sampler.sample();
        sampler.sample();

        assertThat(figures()).containsEntry(Figures.REQUESTS_PER_SECOND, 0.0)
                .doesNotContainKeys(Figures.ERROR_RATIO, Figures.P99_SECONDS);
    }

    @Test
    void resourceFiguresAreAbsentNotZeroWhileTheAppHasNoMeters() {
        sampler.sample();
        sampler.sample();

        assertThat(figures()).doesNotContainKeys(Figures.CPU_MILLICORES, Figures.HEAP_BYTES, Figures.OPEN_FILES, Figures.THREADS);
    }

    @Test
    void theAppsMetersAreTakenOverAsTheyAppearIncludingOnesNotKnownYet() {
        sampler.sample();
        shopMeters = Map.of(Figures.CPU_MILLICORES, 120.0, Figures.THREADS, 12.0);
        sampler.sample();
        assertThat(figures()).containsEntry(Figures.CPU_MILLICORES, 120.0).containsEntry(Figures.THREADS, 12.0)
                .doesNotContainKeys(Figures.HEAP_BYTES, Figures.OPEN_FILES);

        shopMeters = Map.of(Figures.CPU_MILLICORES, 80.0, Figures.HEAP_BYTES, (double) (64L << 20), Figures.OPEN_FILES, 7.0);
        sampler.sample();

        assertThat(figures()).containsEntry(Figures.HEAP_BYTES, (double) (64L << 20)).containsEntry(Figures.OPEN_FILES, 7.0)
                .containsEntry(Figures.CPU_MILLICORES, 80.0).doesNotContainKey(Figures.THREADS);
    }

    @Test
    void hostFiguresIncludeHeapHeadroomThreadsAndGcAndCpuFromTheSecondSampleOn() {
        sampler.sample();
        assertThat(sampler.host().figures()).containsKeys("heapUsedBytes", "threads", "gcSeconds", "processors");
        sampler.sample();

        Map<String, Double> host = sampler.host().figures();
        assertThat(host).containsKeys("cpuMillicores", "heapHeadroomBytes");
        assertThat(host.get("heapHeadroomBytes")).isEqualTo(host.get("heapMaxBytes") - host.get("heapUsedBytes"));
        assertThat(host.get("threads")).isPositive();
    }

    @Test
    void historyKeepsTheWindowOnly() {
        FigureSampler small = new FigureSampler(apps("shop"), registry, Duration.ofSeconds(2), Duration.ofSeconds(6),
                new MutableClock());
        for (int i = 0; i < 10; i++) {
            small.sample();
        }

        assertThat(small.history("shop")).hasSize(3);
        assertThat(small.history("unknown")).isEmpty();
    }
}
