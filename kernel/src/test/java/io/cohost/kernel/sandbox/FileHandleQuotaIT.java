package io.cohost.kernel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.UnixOperatingSystemMXBean;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.testing.LiveHost;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * File handles per app: metered by kind (including those the JDK opens for the app), refused beyond the
 * {@code files} quota, and all closed when the app stops, which also frees its threads blocked on them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileHandleQuotaIT {
    private static final UnixOperatingSystemMXBean OS = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LiveHost host;

    @BeforeAll
    void startHost(@TempDir Path data) throws Exception {
        host = new LiveHost(data);
        // a first app warms up what the host opens once for every app (shared jars, JDK data files)
        host.deploy("hello", "hello");
        assertThat(host.get("/hello/")).startsWith("Hello");
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    private AppInfo deploy(String name, Map<String, String> quota) throws Exception {
        try (InputStream war = Files.newInputStream(LiveHost.WARS.resolve("fd-leak.war"))) {
            return host.host.management().deploy(name, war, DeployRequest.defaults().withQuota(quota));
        }
    }

    private static long processDescriptors() {
        return OS.getOpenFileDescriptorCount();
    }

    private double meter(String app, String kind) {
        return host.host.meters().get("cohost.tenant.files").tags("app", app, "kind", kind).gauge().value();
    }

    @Test
    void the65thOpenFailsNamingTheAppAndTheQuotaAndTheMeterReads64() throws Exception {
        deploy("fd-leak", Map.of("files", "64"));
        long before = processDescriptors();

        String answer = host.get("/fd-leak/open?n=100");

        assertThat(answer).isEqualTo("opened 64; refused: java.io.IOException: app 'fd-leak': file handle quota reached"
                + " (64 of 64 open); raise 'files' in the app's quota or close files and sockets the app no longer needs");
        assertThat(host.host.management().app("fd-leak").meters()).containsEntry("openFiles", 64.0).containsEntry("openFiles.file", 64.0);
        assertThat(meter("fd-leak", "file")).isEqualTo(64.0);
        long rose = processDescriptors() - before;
        System.out.println("process descriptors after 64 opens refused at the 65th: +" + rose);
        assertThat(rose).isBetween(60L, 70L);
        await().atMost(Duration.ofSeconds(10)).until(() -> host.host.management().app("fd-leak").events().stream()
                .anyMatch(e -> e.type().equals("files-quota")));
        host.host.management().undeploy("fd-leak");
    }

    @Test
    void descriptorsTheJdkOpensForTheAppAreCounted() throws Exception {
        deploy("jdk-opens", Map.of());

        assertThat(host.get("/jdk-opens/zip")).isEqualTo("entries 1");
        assertThat(host.host.management().app("jdk-opens").meters()).containsEntry("openFiles.file", 1.0);
        assertThat(host.get("/jdk-opens/http?url=" + host.host.tenantUri() + "/hello/")).isEqualTo("status 200");

        Map<String, Double> meters = host.host.management().app("jdk-opens").meters();
        // HttpClient's selector (epoll and its wakeup descriptor) and the connection it keeps alive
        assertThat(meters).containsEntry("openFiles.selector", 2.0).containsEntry("openFiles.socket", 1.0)
                .containsEntry("openFiles", 4.0);
        assertThat(meter("jdk-opens", "selector")).isEqualTo(2.0);
        host.host.management().undeploy("jdk-opens");
    }

    @Test
    void stoppingTheAppReturnsTheProcessDescriptorCountToItsLevelBeforeTheAppStarted() throws Exception {
        long before = processDescriptors();
        deploy("leaker", Map.of());
        assertThat(host.get("/leaker/open?n=200")).isEqualTo("opened 200");
        assertThat(host.get("/leaker/sockets?n=50")).isEqualTo("connected 50");
        assertThat(host.get("/leaker/zip")).isEqualTo("entries 1");
        assertThat(host.get("/leaker/http?url=" + host.host.tenantUri() + "/hello/")).isEqualTo("status 200");
        // 200 files, a listener with 50 connections and their 50 accepted ends, a zip, an HTTP client (selector and connection)
        await().atMost(Duration.ofSeconds(10)).until(() -> host.host.management().app("leaker").meters().get("openFiles") >= 305.0);
        assertThat(processDescriptors() - before).isGreaterThanOrEqualTo(305);

        AppInfo stopped = host.host.management().stop("leaker");

        assertThat(stopped.meters()).doesNotContainKey("openFiles");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(processDescriptors()).isBetween(before - 2, before + 2));
        System.out.println("process descriptors: " + before + " before the app started, " + processDescriptors() + " after it stopped");
        host.host.management().undeploy("leaker");
    }

    @Test
    void aThreadBlockedReadingASocketThatNeverAnswersIsReleasedWithinOneSecondOfStop() throws Exception {
        deploy("blocker", Map.of());
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> blocked = java.net.http.HttpClient.newHttpClient()
                .sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.host.tenantUri() + "/blocker/block")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> blockedReader() != null);
        Thread reader = blockedReader();

        long start = System.nanoTime();
        Thread stopper = new Thread(() -> host.host.management().stop("blocker"));
        stopper.start();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> !reader.isAlive() || !readingBlock(reader));
        Duration released = Duration.ofNanos(System.nanoTime() - start);
        stopper.join();

        System.out.println("thread blocked reading a silent socket released " + released.toMillis() + " ms after the stop began");
        assertThat(released).isLessThan(Duration.ofSeconds(1));
        blocked.cancel(true);
        host.host.management().undeploy("blocker");
    }

    /** The tenant thread running {@code /block}, once it waits in the read. */
    private static Thread blockedReader() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = e.getValue();
            boolean inBlock = java.util.Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("block")
                    && f.getClassName().endsWith("LeakServlet"));
            boolean reading = java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().equals("sun.nio.ch.NioSocketImpl")
                    && f.getMethodName().equals("read"));
            if (inBlock && reading && e.getKey().getThreadGroup() != null && e.getKey().getThreadGroup().getName().equals("tenant-blocker")) {
                return e.getKey();
            }
        }
        return null;
    }

    private static boolean readingBlock(Thread t) {
        return java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().equals("sun.nio.ch.NioSocketImpl")
                && f.getMethodName().equals("read"));
    }
}
