package io.cohost.kernel.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.governor.GovernedTenant;
import io.cohost.kernel.testing.LiveHost;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPU quotas on a real host: metering and throttling hold a hog to its quota, checkpoints stop code
 * that never returns, a per-request CPU limit aborts one request, and a well-behaved neighbour keeps
 * answering. The bounds are generous; precise figures are the benchmarks' job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CpuGovernorIT {
    LiveHost host;
    ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        host = new LiveHost(data);
        host.deploy("hello", "hello");
    }

    @AfterAll
    void stop() throws Exception {
        clients.shutdownNow();
        host.close();
    }

    private GovernedTenant governed(String app) {
        return host.host.registry().runningInstance(app).orElseThrow().governed();
    }

    private void hammer(String app, List<String> paths, List<CompletableFuture<?>> running) {
        for (String p : paths) {
            running.add(CompletableFuture.runAsync(() -> host.send("/" + app + p), clients));
        }
    }

    @Test
    void aHogIsHeldToItsCpuQuota() throws Exception {
        host.deploy("hog-quota", "cpu-hog");
        host.host.management().setQuota("hog-quota", Map.of("cpu", "250m"));
        List<CompletableFuture<?>> running = new ArrayList<>();
        hammer("hog-quota", List.of("/spin", "/spin-catch", "/recurse", "/spawn"), running);
        await().atMost(Duration.ofSeconds(5)).until(() -> governed("hog-quota").isThrottled());

        double before = governed("hog-quota").cpuSeconds();
        long start = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        double used = governed("hog-quota").cpuSeconds() - before;
        double millicores = used * 1e12 / (System.nanoTime() - start);

        System.out.printf("cpu-hog at quota 250m used %.0fm over 10 s%n", millicores);
        assertThat(millicores).isBetween(250 * 0.85, 250 * 1.15);
        host.host.management().undeploy("hog-quota");
    }

    @Test
    void stoppingEndsEveryThreadOfRunawayCodeWithinOneSecond() throws Exception {
        host.deploy("hog-stop", "cpu-hog");
        List<CompletableFuture<?>> running = new ArrayList<>();
        hammer("hog-stop", List.of("/spin", "/spin-catch", "/recurse"), running);
        assertThat(host.get("/hog-stop/spawn")).isEqualTo("spawned");
        ThreadGroup group = host.host.registry().runningInstance("hog-stop").orElseThrow().executor().threadGroup();
        await().atMost(Duration.ofSeconds(5)).until(() -> group.activeCount() >= 4);

        long start = System.nanoTime();
        host.host.management().stop("hog-stop");
        await().atMost(Duration.ofSeconds(1)).until(() -> group.activeCount() == 0);
        System.out.printf("stop of cpu-hog with 4 runaway threads took %.1f ms%n", (System.nanoTime() - start) / 1e6);

        assertThat(host.state("hog-stop")).isEqualTo("STOPPED");
        assertThat(host.get("/hello/")).isEqualTo("Hello from /hello\n");
    }

    @Test
    void aRequestOverItsCpuLimitIsAbortedAndItsWorkerServesTheNextRequest() throws Exception {
        host.deploy("hog-request", "cpu-hog");
        host.host.management().setQuota("hog-request", Map.of("requestCpu", "100ms"));

        HttpResponse<String> spin = host.send("/hog-request/spin");

        assertThat(spin.statusCode()).isEqualTo(503);
        assertThat(spin.body()).contains("CPU limit of 100 ms (requestCpu)");
        String event = host.host.management().app("hog-request").events().stream()
                .filter(e -> e.type().equals("request-cpu")).findFirst().orElseThrow().detail();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("on (\\S+) after").matcher(event);
        assertThat(m.find()).as("the event names the worker: " + event).isTrue();
        String worker = m.group(1);
        // the response is sent while the worker still unwinds; once back in the pool it is the first reused
        ThreadGroup group = host.host.registry().runningInstance("hog-request").orElseThrow().executor().threadGroup();
        await().atMost(Duration.ofSeconds(5)).until(() -> isIdleWorker(group, worker));
        assertThat(host.get("/hog-request/thread")).isEqualTo(worker);
        assertThat(host.get("/hog-request/burn?ms=10")).isEqualTo("burned 10 ms");
        assertThat(host.host.management().app("hog-request").events()).anyMatch(e -> e.type().equals("request-cpu"));
        host.host.management().undeploy("hog-request");
    }

    /** The named worker is alive and parked in its pool, waiting for work. */
    private static boolean isIdleWorker(ThreadGroup group, String name) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().equals(name)) {
                for (StackTraceElement frame : threads[i].getStackTrace()) {
                    if (frame.getMethodName().equals("awaitNext")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aWellBehavedNeighbourKeepsAnsweringWhileAHogSaturates() throws Exception {
        host.deploy("hog-noisy", "cpu-hog");
        host.host.management().setQuota("hog-noisy", Map.of("cpu", "500m"));
        List<CompletableFuture<?>> running = new ArrayList<>();
        hammer("hog-noisy", List.of("/spin", "/spin", "/spin-catch", "/spawn"), running);
        await().atMost(Duration.ofSeconds(5)).until(() -> governed("hog-noisy").isThrottled());

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = host.send("/hello/");
            latencies.add(System.nanoTime() - t0);
            assertThat(r.statusCode()).isEqualTo(200);
        }
        latencies.sort(null);
        double p99 = latencies.get(197) / 1e6;
        System.out.printf("hello p99 next to a saturating cpu-hog (quota 500m): %.1f ms%n", p99);
        assertThat(p99).as("hello p99 in ms (generous bound)").isLessThan(500);
        host.host.management().undeploy("hog-noisy");
    }

    @Test
    void aQuotaChangeThroughTheApiTakesEffectWithinOneSecond() throws Exception {
        host.deploy("hog-live", "cpu-hog");
        List<CompletableFuture<?>> running = new ArrayList<>();
        hammer("hog-live", List.of("/spin"), running);
        await().atMost(Duration.ofSeconds(5)).until(() -> governed("hog-live").cpuSeconds() > 0.2);
        assertThat(governed("hog-live").isThrottled()).isFalse();

        host.host.management().setQuota("hog-live", Map.of("cpu", "100m"));
        await().atMost(Duration.ofSeconds(1)).until(() -> governed("hog-live").isThrottled());

        host.host.management().setQuota("hog-live", Map.of("cpu", "unlimited"));
        await().atMost(Duration.ofSeconds(1)).until(() -> !governed("hog-live").isThrottled());
        assertThat(host.host.management().app("hog-live").quota()).containsEntry("cpu", "unlimited");
        host.host.management().undeploy("hog-live");
    }
}
