package io.cohost.kernel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantExecutorTest {
    private static final Duration LONG_KEEP_ALIVE = Duration.ofMinutes(1);
    private static final Duration SHORT_KEEP_ALIVE = Duration.ofMillis(200);

    private final ThreadGroup group = new ThreadGroup("tenant-shop");
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<TenantExecutor> executors = new ArrayList<>();

    private TenantExecutor executor(int maxThreads, Duration keepAlive) {
        TenantExecutor executor = new TenantExecutor("shop", group, maxThreads, keepAlive);
        executors.add(executor);
        return executor;
    }

    @AfterEach
    void releaseAndShutDown() {
        release.countDown();
        executors.forEach(TenantExecutor::shutdown);
    }

    /** Runs a task on the executor and returns what it computed, failing the test if it takes too long. */
    private static <T> T runOn(TenantExecutor executor, java.util.function.Supplier<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> result.complete(task.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Occupies one worker until the test releases it. */
    private CountDownLatch occupyWorker(TenantExecutor executor) {
        CountDownLatch running = new CountDownLatch(1);
        executor.execute(() -> {
            running.countDown();
            awaitQuietly(release);
        });
        return running;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True when every worker waits for work: parked with itself as the blocker, which it does only
     * after it has put itself back on the idle stack (a task waiting on a latch is parked too, but
     * with the latch as its blocker).
     */
    private boolean allWorkersParked() {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads);
        for (int i = 0; i < n; i++) {
            Object blocker = LockSupport.getBlocker(threads[i]);
            if (blocker == null || !blocker.getClass().getName().equals(TenantExecutor.class.getName() + "$Worker")) {
                return false;
            }
        }
        return n > 0;
    }

    @Test
    void tasksRunOnThreadsOfTheTenantThreadGroup() throws Exception {
        TenantExecutor executor = executor(4, LONG_KEEP_ALIVE);

        ThreadGroup ranOn = runOn(executor, () -> Thread.currentThread().getThreadGroup());
        String threadName = runOn(executor, () -> Thread.currentThread().getName());

        assertThat(ranOn).isSameAs(group);
        assertThat(threadName).startsWith("tenant-shop-worker-");
    }

    @Test
    void idleTenantHoldsNoThreadsAfterTheKeepAlive() throws Exception {
        TenantExecutor executor = executor(8, SHORT_KEEP_ALIVE);
        List<CountDownLatch> running = List.of(occupyWorker(executor), occupyWorker(executor), occupyWorker(executor));
        for (CountDownLatch r : running) {
            assertThat(r.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(group.activeCount()).isEqualTo(3);

        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.activeCount() == 0);
        assertThat(executor.liveThreads()).isZero();
    }

    @Test
    void workerThatWentIdleIsReusedForTheNextTask() throws Exception {
        TenantExecutor executor = executor(8, LONG_KEEP_ALIVE);
        List<Thread> threads = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            threads.add(runOn(executor, Thread::currentThread));
            await().atMost(Duration.ofSeconds(10)).until(this::allWorkersParked);
        }

        assertThat(executor.threadsStarted()).isEqualTo(1);
        assertThat(threads).allSatisfy(t -> assertThat(t).isSameAs(threads.get(0)));
    }

    @Test
    void executeBeyondMaxThreadsIsRejectedNamingTheTenant() throws Exception {
        TenantExecutor executor = executor(2, LONG_KEEP_ALIVE);
        assertThat(occupyWorker(executor).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(occupyWorker(executor).await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> executor.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("tenant 'shop'")
                .hasMessageContaining("all 2 request threads are busy");
        assertThat(executor.liveThreads()).isEqualTo(2);
    }

    @Test
    void rejectedTaskLeavesRoomOnceAWorkerIsFree() throws Exception {
        TenantExecutor executor = executor(1, LONG_KEEP_ALIVE);
        assertThat(occupyWorker(executor).await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(this::allWorkersParked);

        assertThat(runOn(executor, () -> "ran")).isEqualTo("ran");
        assertThat(executor.threadsStarted()).isEqualTo(1);
    }

    @Test
    void callRunsOnATenantThreadAndReturnsItsResult() throws Exception {
        TenantExecutor executor = executor(2, LONG_KEEP_ALIVE);

        ThreadGroup ranOn = executor.call(() -> Thread.currentThread().getThreadGroup());

        assertThat(ranOn).isSameAs(group);
        assertThat(executor.isTenantThread()).isFalse();
    }

    @Test
    void callRunsInlineWhenAlreadyOnATenantThread() throws Exception {
        // One thread only: a nested call that did not run inline would be rejected or wait forever.
        TenantExecutor executor = executor(1, LONG_KEEP_ALIVE);

        List<Thread> threads = runOn(executor, () -> {
            try {
                Thread outer = Thread.currentThread();
                Thread inner = executor.call(Thread::currentThread);
                return List.of(outer, inner);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(threads.get(1)).isSameAs(threads.get(0));
        assertThat(executor.threadsStarted()).isEqualTo(1);
    }

    @Test
    void callRethrowsTheTasksOwnException() {
        TenantExecutor executor = executor(2, LONG_KEEP_ALIVE);

        assertThatThrownBy(() -> executor.call(() -> {
            throw new java.io.IOException("disk full");
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
    }

    @Test
    void threadsStartedByTenantCodeCountAsTenantThreads() throws Exception {
        TenantExecutor executor = executor(2, LONG_KEEP_ALIVE);

        boolean childIsTenantThread = runOn(executor, () -> {
            CompletableFuture<Boolean> seen = new CompletableFuture<>();
            Thread child = new Thread(() -> seen.complete(executor.isTenantThread()));
            child.start();
            return seen.join();
        });

        assertThat(childIsTenantThread).isTrue();
    }

    @Test
    void shutdownLetsIdleWorkersEndWithoutWaitingForTheKeepAlive() throws Exception {
        TenantExecutor executor = executor(4, LONG_KEEP_ALIVE);
        runOn(executor, () -> "warm up");
        await().atMost(Duration.ofSeconds(10)).until(this::allWorkersParked);
        assertThat(executor.liveThreads()).isEqualTo(1);

        executor.shutdown();

        assertThat(executor.awaitTermination(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.activeCount() == 0);
    }

    @Test
    void shutdownLetsBusyWorkersFinishTheirTaskThenEnd() throws Exception {
        TenantExecutor executor = executor(4, LONG_KEEP_ALIVE);
        CountDownLatch finished = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        executor.execute(() -> {
            running.countDown();
            awaitQuietly(release);
            finished.countDown();
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        executor.shutdown();
        assertThat(executor.liveThreads()).isEqualTo(1);
        release.countDown();

        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void executeAfterShutdownIsRejectedNamingTheTenant() {
        TenantExecutor executor = executor(4, LONG_KEEP_ALIVE);

        executor.shutdown();

        assertThatThrownBy(() -> executor.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("tenant 'shop' is stopped");
    }

    @Test
    void maxThreadsBelowOneIsRefusedNamingTheTenant() {
        assertThatThrownBy(() -> new TenantExecutor("shop", group, 0, LONG_KEEP_ALIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant 'shop'")
                .hasMessageContaining("was 0");
    }
}
