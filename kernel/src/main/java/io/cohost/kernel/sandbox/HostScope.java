package io.cohost.kernel.sandbox;

/**
 * Marks host work done on a tenant's thread (writing and rolling the tenant's log file, say): the
 * files it opens are the host's, neither checked against the tenant's rules nor charged to it.
 *
 * <pre>{@code
 * try (HostScope scope = HostScope.enter()) {
 *     out = Files.newOutputStream(logFile, APPEND);
 * }
 * }</pre>
 */
public final class HostScope implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private final int[] depth;

    private HostScope(int[] depth) {
        this.depth = depth;
    }

    public static HostScope enter() {
        int[] d = DEPTH.get();
        d[0]++;
        return new HostScope(d);
    }

    static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        depth[0]--;
    }
}
