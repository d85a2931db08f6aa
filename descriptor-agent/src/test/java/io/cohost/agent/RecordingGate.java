package io.cohost.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in tenant for the agent's tests: its threads are those of its own thread group; it refuses
 * {@code /etc}, counts what is charged to it, and can be given a quota, a refused port or no processes.
 */
final class RecordingGate implements DescriptorGate {
    final ThreadGroup group = new ThreadGroup("test-tenant");
    private final Map<DescriptorKind, Integer> counts = new EnumMap<>(DescriptorKind.class);
    volatile int quota = Integer.MAX_VALUE;
    volatile int refusedPort = -1;
    volatile Path shared = Path.of("/nonexistent-shared");
    volatile Path readOnly = Path.of("/nonexistent-read-only");

    /** Attributes this gate's group to it; other threads are the host's. */
    Attribution attribution() {
        return () -> {
            for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
                if (g == group) {
                    return this;
                }
            }
            return null;
        };
    }

    /** Runs {@code task} on a thread of this tenant and returns its result (or throws what it threw). */
    <T> T run(Callable<T> task) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(group, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                result.set(new Thrown(e));
            }
        }, "tenant-task");
        t.start();
        t.join();
        if (result.get() instanceof Thrown thrown) {
            throw thrown.e instanceof Exception ex ? ex : new IllegalStateException(thrown.e);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result.get();
        return r;
    }

    private record Thrown(Throwable e) {}

    synchronized int count(DescriptorKind kind) {
        return counts.getOrDefault(kind, 0);
    }

    synchronized int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public boolean checkPath(Path path, boolean write) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        if (p.startsWith("/etc")) {
            throw new AccessDeniedException(p.toString(), null, "refused by the test tenant's rule: no /etc");
        }
        if (write && p.startsWith(readOnly)) {
            throw new AccessDeniedException(p.toString(), null, "refused by the test tenant's rule: read only");
        }
        return charges(p);
    }

    @Override
    public boolean charges(Path path) {
        return !path.toAbsolutePath().normalize().startsWith(shared);
    }

    @Override
    public synchronized void checkOpen(DescriptorKind kind, int weight, boolean charged) throws IOException {
        if (charged && total() + weight > quota) {
            throw new IOException("test tenant: quota reached (" + total() + " of " + quota + ")");
        }
    }

    @Override
    public void checkConnect(InetAddress address, int port) throws IOException {
        if (port == refusedPort) {
            throw new java.net.ConnectException("test tenant may not connect to port " + port);
        }
    }

    @Override
    public void checkProcessStart(List<String> command) throws IOException {
        throw new IOException("test tenant may not start " + command);
    }

    @Override
    public synchronized void charge(DescriptorKind kind, int weight) {
        counts.merge(kind, weight, Integer::sum);
    }

    @Override
    public synchronized void release(DescriptorKind kind, int weight) {
        counts.merge(kind, -weight, Integer::sum);
    }
}
