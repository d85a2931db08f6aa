package io.cohost.governor.cpu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A per-thread JVM counter (CPU time, allocated bytes) summed over a tenant's threads. The JVM's
 * counters die with their thread, so a thread that ended is folded in at the value it last had: at
 * most one sampling period of an ended thread is lost. Not thread-safe: one governor thread samples it.
 */
final class ThreadGroupCounter {
    private final Function<long[], long[]> read;
    private Map<Long, Long> lastByThread = new HashMap<>();
    private long ended;
    private long total;

    /** {@code read} returns the counter of each thread id, or -1 for a thread that has ended. */
    ThreadGroupCounter(Function<long[], long[]> read) {
        this.read = read;
    }

    @SuppressWarnings("deprecation") // Thread.getId(): threadId() does not exist on JDK 17
    long sample(List<Thread> threads) {
        long[] ids = new long[threads.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = threads.get(i).getId();
        }
        long[] values = ids.length == 0 ? new long[0] : read.apply(ids);
        Map<Long, Long> now = new HashMap<>(ids.length * 2);
        long live = 0;
        for (int i = 0; i < ids.length; i++) {
            long v = values[i] >= 0 ? values[i] : lastByThread.getOrDefault(ids[i], 0L);
            now.put(ids[i], v);
            live += v;
        }
        for (Map.Entry<Long, Long> e : lastByThread.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                ended += e.getValue();
            }
        }
        lastByThread = now;
        total = Math.max(total, ended + live);
        return total;
    }

    long last(long threadId) {
        return lastByThread.getOrDefault(threadId, -1L);
    }

    long total() {
        return total;
    }
}
