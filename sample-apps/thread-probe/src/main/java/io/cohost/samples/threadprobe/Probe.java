package io.cohost.samples.threadprobe;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** The thread groups each kind of callback has run on so far. */
public final class Probe {
    private static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();
    static volatile String destroyLog;

    private Probe() {}

    public static void record(String kind) {
        SEEN.computeIfAbsent(kind, k -> new ConcurrentSkipListSet<>())
                .add(Thread.currentThread().getThreadGroup().getName());
    }

    /** One line per callback kind: {@code kind=group1,group2}. */
    public static String report() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(SEEN).forEach((kind, groups) -> out.append(kind).append('=').append(String.join(",", groups)).append('\n'));
        return out.toString();
    }
}
