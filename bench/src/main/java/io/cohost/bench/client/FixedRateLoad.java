package io.cohost.bench.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop client: requests leave at a constant rate whatever the server does (like wrk2), and
 * each latency is measured from the moment the request was due, not the moment it was sent, so a
 * stalled server shows up in the percentiles instead of slowing the client down (no coordinated omission).
 * A request that fails, answers anything but 200, or takes longer than the timeout is an error.
 */
public final class FixedRateLoad {
    /** Latencies of the successful requests in microseconds, and the number of errors. */
    public record Result(long[] latencyMicros, int sent, int errors) {
        public double errorRate() {
            return sent == 0 ? 0 : (double) errors / sent;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "fixed-rate-client");
                t.setDaemon(true);
                return t;
            })).build();

    public Result run(URI uri, int perSecond, Duration duration, Duration timeout) throws InterruptedException {
        int total = (int) (perSecond * duration.toMillis() / 1000);
        long intervalNanos = 1_000_000_000L / perSecond;
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).build();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 200) {
                    latencies.set(slot, Math.max(1, (System.nanoTime() - due) / 1000));
                } else {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        if (!done.await(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("requests still outstanding " + (timeout.toSeconds() + 5) + " s after the last was sent");
        }
        long[] ok = new long[total - errors.get()];
        int k = 0;
        for (int i = 0; i < total && k < ok.length; i++) {
            if (latencies.get(i) > 0) {
                ok[k++] = latencies.get(i);
            }
        }
        return new Result(java.util.Arrays.copyOf(ok, k), total, errors.get());
    }
}
