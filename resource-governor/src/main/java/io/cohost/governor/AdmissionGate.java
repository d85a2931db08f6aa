package io.cohost.governor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The {@code concurrency} quota: at most {@code limit} requests of one tenant run at once; up to
 * {@code limit} more wait in line (the queue bound), and beyond that a request is refused (the host
 * answers 503 with {@code Retry-After}). Waiting requests hold no thread: they are runnables started
 * when a running request ends. While the host responds to low memory, admission is paused: new
 * requests are held, not refused, and let in when it resumes.
 */
public final class AdmissionGate {
    private final String tenant;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private long limit = Long.MAX_VALUE;
    private long running;
    private boolean paused;

    AdmissionGate(String tenant) {
        this.tenant = tenant;
    }

    synchronized void setLimit(long limit) {
        this.limit = limit;
    }

    public synchronized long limit() {
        return limit;
    }

    /**
     * Runs {@code dispatch} now, queues it, or refuses it.
     *
     * @return false if refused: the caller answers 503
     */
    public boolean admit(Runnable dispatch) {
        synchronized (this) {
            if (paused) {
                waiting.addLast(dispatch); // held, not refused: the pause lasts one low-memory response
                return true;
            }
            if (running >= limit) {
                if (waiting.size() >= queueBound()) {
                    return false;
                }
                waiting.addLast(dispatch);
                return true;
            }
            running++;
        }
        dispatch.run();
        return true;
    }

    /** A request admitted by {@link #admit} has completed; the next in line, if any, starts. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running = Math.max(0, running - 1);
                return;
            }
        }
        next.run();
    }

    /** Holds every new request (they wait, none is refused) until {@link #resume()}. */
    synchronized void pause() {
        paused = true;
    }

    /** Lets held requests in again, up to the concurrency limit. */
    void resume() {
        List<Runnable> start = new java.util.ArrayList<>();
        synchronized (this) {
            paused = false;
            while (running < limit && !waiting.isEmpty()) {
                running++;
                start.add(waiting.pollFirst());
            }
        }
        start.forEach(Runnable::run);
    }

    public synchronized long running() {
        return running;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    private long queueBound() {
        return limit == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(limit, 1);
    }

    public String refusal() {
        return "app '" + tenant + "': " + limit + " requests in flight and " + queueBound()
                + " waiting, its concurrency quota; retry later, or raise 'concurrency' in the app's quota";
    }
}
