package io.cohost.kernel.dispatch;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The elastic pool every call into one tenant's code runs on. Its threads live in the tenant's
 * {@link ThreadGroup}; an idle tenant holds no thread once the keep-alive has passed.
 *
 * <pre>
 *   execute(task) ──► pop idle worker ──► hand task through its slot, unpark it
 *                  └► none idle        ──► start a new worker (up to maxThreads, else reject)
 *   worker: run task ─► push self on the idle stack ─► park ≤ keepAlive ─► retire
 * </pre>
 *
 * The idle stack is LIFO so the most recently used (cache-warm) worker is reused and the others
 * age out. A plain {@code ThreadPoolExecutor} with a {@code SynchronousQueue} was avoided: under
 * concurrency its {@code offer} fails whenever no worker happens to be polling, and it starts
 * threads it does not need.
 */
public final class TenantExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(TenantExecutor.class);
    /**
     * On more than one CPU, a worker that just went idle spins briefly before parking: waking a parked
     * thread on another (virtual) CPU costs 17–25 µs, picking up a task from a spinning one well under 1 µs.
     * Only one idle worker per tenant spins at a time, so idle tenants burn nothing. On one CPU spinning
     * would only steal the CPU from the thread it waits for, so it is off.
     */
    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() > 1;
    private static final long SPIN_NANOS = 20_000;
    private static final Object BUSY = new Object();
    private static final Object RETIRED = new Object();

    private final String tenant;
    private final ThreadGroup group;
    private final int maxThreads;
    private final long keepAliveNanos;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean shutdown;
    private final java.util.concurrent.atomic.AtomicBoolean spinning = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Runnable onOutOfMemory = () -> { };

    public TenantExecutor(String tenant, ThreadGroup group, int maxThreads, Duration keepAlive) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("tenant '" + tenant + "': maxThreads must be at least 1, was " + maxThreads);
        }
        this.tenant = tenant;
        this.group = group;
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    public String tenant() {
        return tenant;
    }

    public ThreadGroup threadGroup() {
        return group;
    }

    /** True when the calling thread belongs to this tenant (its pool or a thread its code started). */
    public boolean isTenantThread() {
        for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
            if (g == group) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("tenant '" + tenant + "' is stopped; start it to serve again");
        }
        for (Worker w = idle.pollFirst(); w != null; w = idle.pollFirst()) {
            if (w.offer(task)) {
                return;
            }
        }
        startWorker(task);
    }

    /** Runs {@code task} on a tenant thread and waits for it; inline when already on one. */
    public <T> T call(Callable<T> task) throws Exception {
        if (isTenantThread()) {
            return task.call();
        }
        FutureTask<T> future = new FutureTask<>(task);
        execute(future);
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw e;
        }
    }

    /** Like {@link #call} for work that returns nothing and throws nothing checked. */
    public void runAndWait(Runnable task) {
        try {
            call(() -> {
                task.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            throw new RejectedExecutionException("interrupted while waiting for tenant '" + tenant + "'", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to do when tenant code on a worker runs out of heap (the host kills the tenant). */
    public void setOnOutOfMemory(Runnable action) {
        this.onOutOfMemory = action;
    }

    /** True if {@code thread} is one of this pool's workers (not a thread the tenant started itself). */
    public boolean isWorker(Thread thread) {
        for (Worker w : workers) {
            if (w.thread == thread) {
                return true;
            }
        }
        return false;
    }

    /** Threads currently alive in this pool (busy or idle). */
    public int liveThreads() {
        return live.get();
    }

    /** Workers started since creation; tells whether idle workers are being reused. */
    public int threadsStarted() {
        return started.get();
    }

    /** Refuses new work and lets idle workers exit now; busy workers exit after their task. */
    public void shutdown() {
        shutdown = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (live.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    private void startWorker(Runnable first) {
        int n = live.incrementAndGet();
        if (n > maxThreads) {
            live.decrementAndGet();
            throw new RejectedExecutionException("tenant '" + tenant + "': all " + maxThreads
                    + " request threads are busy; retry later or raise the tenant's thread limit");
        }
        Worker w = new Worker(first);
        Thread t = new Thread(group, w, group.getName() + "-worker-" + started.incrementAndGet());
        t.setDaemon(true);
        w.thread = t;
        workers.add(w);
        try {
            t.start();
        } catch (Throwable e) {
            workers.remove(w);
            live.decrementAndGet();
            throw e;
        }
    }

    private final class Worker implements Runnable {
        /** null while idle and waiting, a Runnable when handed work, BUSY while running, RETIRED at the end. */
        private final AtomicReference<Object> slot = new AtomicReference<>(BUSY);
        private final Runnable first;
        private volatile Thread thread;

        Worker(Runnable first) {
            this.first = first;
        }

        boolean offer(Runnable task) {
            if (slot.compareAndSet(null, task)) {
                LockSupport.unpark(thread);
                return true;
            }
            return false;
        }

        @Override
        public void run() {
            try {
                for (Runnable task = first; task != null; task = awaitNext()) {
                    runTask(task);
                }
            } finally {
                workers.remove(this);
                live.decrementAndGet();
            }
        }

        private void runTask(Runnable task) {
            try {
                task.run();
            } catch (OutOfMemoryError e) {
                // the tenant's own allocation failed: it is the one to stop, not the host
                onOutOfMemory.run();
                LOG.warn("tenant '{}': OutOfMemoryError on {}", tenant, Thread.currentThread().getName());
            } catch (io.cohost.isolation.runtime.TenantTerminated t) {
                LOG.debug("tenant '{}': task unwound: {}", tenant, t.getMessage());
            } catch (Throwable t) {
                LOG.warn("tenant '{}': task failed on {}", tenant, Thread.currentThread().getName(), t);
            } finally {
                Thread.interrupted();
            }
        }

        private Runnable awaitNext() {
            slot.set(null);
            idle.offerFirst(this);
            if (SPIN && spinning.compareAndSet(false, true)) {
                try {
                    long until = System.nanoTime() + SPIN_NANOS;
                    while (!(slot.get() instanceof Runnable) && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                } finally {
                    spinning.set(false);
                }
            }
            long deadline = System.nanoTime() + keepAliveNanos;
            while (true) {
                Object s = slot.get();
                if (s instanceof Runnable task) {
                    slot.set(BUSY);
                    return task;
                }
                long remaining = deadline - System.nanoTime();
                if ((shutdown || remaining <= 0) && slot.compareAndSet(null, RETIRED)) {
                    idle.remove(this);
                    return null;
                }
                LockSupport.parkNanos(this, Math.max(remaining, 1_000));
            }
        }
    }
}
