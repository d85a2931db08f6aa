package io.cohost.bench.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the same requests over and over, one at a time, each after the previous one's answer and a
 * pause, until closed: a neighbour that keeps misbehaving for a whole window (a leak that keeps leaking)
 * rather than one that is provoked once. Counts the requests and the answers that report a refusal.
 */
public final class RepeatedRequests implements AutoCloseable {
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;

    private RepeatedRequests(int port, List<String> paths, Duration pause) {
        thread = new Thread(() -> {
            for (int i = 0; running && !paths.isEmpty(); i++) {
                HttpProbe.Response r = HttpProbe.get(port, paths.get(i % paths.size()), Duration.ofSeconds(10));
                sent.incrementAndGet();
                if (r.body().contains("refused")) {
                    refused.incrementAndGet();
                }
                LockSupport.parkNanos(pause.toNanos());
            }
        }, "bench-repeated-requests");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sending {@code paths} in turn, pausing {@code pause} after each answer; nothing when {@code paths} is empty. */
    public static RepeatedRequests start(int port, List<String> paths, Duration pause) {
        return new RepeatedRequests(port, List.copyOf(paths), pause);
    }

    public long sent() {
        return sent.get();
    }

    /** Answers whose body says the request was refused (the sample apps answer {@code ...; refused: ...}). */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(15).toMillis());
    }
}
