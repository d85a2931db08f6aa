package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host with a 512 MiB heap, three well-behaved apps under steady load, and heap hogs that grow as
 * fast as they can: no OutOfMemoryError anywhere, the good apps answer every request, each hog is
 * stopped within 2 s of passing its quota, and the heap comes back after it is gone.
 */
class HeapContainmentIT {
    private static final Pattern PROGRESS = Pattern.compile("heap-hog retained (\\d+) MiB at (\\d+)");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aGrowingHogIsStoppedAndTheHostAndItsNeighboursNeverRunOutOfHeap(@TempDir Path data, @TempDir Path logs) throws Exception {
        try (HostProcess host = HostProcess.serve(data, logs, "512m")) {
            deployGoodApps(host);
            deployHog(host, "hog", "128Mi");
            long heapBefore = heapAfterGc(host);

            Load load = Load.start(http, host, List.of("/good1/", "/good2/", "/good3/entries.json"));
            long hogStarted = System.currentTimeMillis();
            fire(host.app("/hog/grow"));
            await().atMost(Duration.ofSeconds(60)).until(() -> host.api().state("hog").equals("KILLED"));
            load.stop();

            assertKilledForMemoryWithinTwoSecondsOfPassing(host, "hog", 128, hogStarted);
            assertThat(load.failures.get()).as("failed requests to good apps").isZero();
            assertThat(load.served.get()).as("requests served to good apps").isGreaterThan(20);
            assertNoOutOfMemoryError(host);
            long heapAfter = heapAfterGc(host);
            System.out.printf("heap after GC: before %d MiB, after %d MiB%n", heapBefore >> 20, heapAfter >> 20);
            assertThat(heapAfter).isLessThanOrEqualTo((long) (heapBefore * 1.1) + (4L << 20));
        }
    }

    @Test
    void twoGrowingHogsAtOnceAreBothStopped(@TempDir Path data, @TempDir Path logs) throws Exception {
        try (HostProcess host = HostProcess.serve(data, logs, "512m")) {
            deployGoodApps(host);
            deployHog(host, "hog1", "96Mi");
            deployHog(host, "hog2", "96Mi");

            Load load = Load.start(http, host, List.of("/good1/", "/good2/", "/good3/entries.json"));
            long started = System.currentTimeMillis();
            fire(host.app("/hog1/grow"));
            fire(host.app("/hog2/grow"));
            awaitKilled(host, List.of("hog1", "hog2"));
            load.stop();

            assertKilledForMemoryWithinTwoSecondsOfPassing(host, "hog1", 96, started);
            assertKilledForMemoryWithinTwoSecondsOfPassing(host, "hog2", 96, started);
            assertThat(load.failures.get()).as("failed requests to good apps").isZero();
            assertNoOutOfMemoryError(host);
        }
    }

    @Test
    void aHogBloatingItsSessionsIsStopped(@TempDir Path data, @TempDir Path logs) throws Exception {
        try (HostProcess host = HostProcess.serve(data, logs, "512m")) {
            deployGoodApps(host);
            deployHog(host, "sessions", "64Mi");

            Load load = Load.start(http, host, List.of("/good1/", "/good2/", "/good3/entries.json"));
            CompletableFuture.runAsync(() -> {
                long until = System.currentTimeMillis() + 80_000;
                while (System.currentTimeMillis() < until && !host.api().state("sessions").equals("KILLED")) {
                    send(host.app("/sessions/session-bloat?mb=8")); // a new session each time: no cookie kept
                }
            });
            awaitKilled(host, List.of("sessions"));
            load.stop();

            assertThat(host.api().app("sessions").field("stateDetail")).startsWith("memory");
            assertThat(load.failures.get()).as("failed requests to good apps").isZero();
            assertNoOutOfMemoryError(host);
        }
    }

    private static void awaitKilled(HostProcess host, List<String> apps) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> apps.stream().allMatch(a -> host.api().state(a).equals("KILLED")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder states = new StringBuilder();
            for (String a : apps) {
                states.append(a).append(' ').append(host.api().app(a).body()).append('\n');
            }
            String out = host.output();
            throw new AssertionError("not all hogs were stopped:\n" + states + "host output (end):\n"
                    + out.substring(Math.max(0, out.length() - 4000)) + "\nhost threads:\n" + host.threadDump(), e);
        }
    }

    private void deployGoodApps(HostProcess host) {
        assertThat(host.api().deploy("good1", TestWars.war("hello")).status()).isEqualTo(201);
        assertThat(host.api().deploy("good2", TestWars.war("hello")).status()).isEqualTo(201);
        assertThat(host.api().deploy("good3", TestWars.war("guestbook")).status()).isEqualTo(201);
    }

    private void deployHog(HostProcess host, String name, String memory) {
        assertThat(host.api().deploy(name, TestWars.war("heap-hog")).status()).isEqualTo(201);
        assertThat(host.api().setQuota(name, "{\"memory\":\"" + memory + "\"}").status()).isEqualTo(200);
    }

    /** The KILLED event comes at most 2 s after the hog's own log says it passed its quota. */
    private static void assertKilledForMemoryWithinTwoSecondsOfPassing(HostProcess host, String hog, int quotaMib, long since) {
        var app = host.api().app(hog).json();
        assertThat(app.get("stateDetail").asText()).startsWith("memory: retained=");
        long killedAt = 0;
        for (var e : app.get("events")) {
            if ("KILLED".equals(e.get("to").asText())) {
                killedAt = Instant.parse(e.get("at").asText()).toEpochMilli();
            }
        }
        long passedAt = Long.MAX_VALUE;
        for (var line : host.api().logs(hog, 5000).json().get("lines")) {
            Matcher m = PROGRESS.matcher(line.asText());
            if (m.find() && Long.parseLong(m.group(1)) >= quotaMib) {
                passedAt = Math.min(passedAt, Long.parseLong(m.group(2)));
            }
        }
        long reaction = killedAt - Math.max(since, passedAt == Long.MAX_VALUE ? since : passedAt);
        System.out.printf("%s passed %d MiB and was killed %d ms later%n", hog, quotaMib, reaction);
        assertThat(reaction).as("ms from passing the quota to KILLED").isLessThan(2000);
    }

    private static void assertNoOutOfMemoryError(HostProcess host) throws Exception {
        assertThat(host.output()).doesNotContain("OutOfMemoryError");
    }

    private static long heapAfterGc(HostProcess host) throws Exception {
        host.fullGc();
        long used = 0;
        for (String line : host.api().metrics().body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    private void fire(URI uri) {
        http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    }

    private int send(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Steady requests to the good apps from a few client threads, counting what fails. */
    private static final class Load {
        final AtomicLong served = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<CompletableFuture<?>> clients = new ArrayList<>();

        static Load start(HttpClient http, HostProcess host, List<String> paths) {
            Load load = new Load();
            for (String p : paths) {
                load.clients.add(CompletableFuture.runAsync(() -> {
                    while (load.running.get()) {
                        try {
                            int status = http.send(HttpRequest.newBuilder(host.app(p)).timeout(Duration.ofSeconds(30)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? load.served : load.failures).incrementAndGet();
                        } catch (Exception e) {
                            load.failures.incrementAndGet();
                        }
                    }
                }));
            }
            return load;
        }

        void stop() {
            running.set(false);
            clients.forEach(CompletableFuture::join);
        }
    }
}
