package io.cohost.governor;

/**
 * What the governor may do to one tenant; the host implements it. The governor decides, the host acts:
 * the governor knows nothing of class loaders, guards or Jetty.
 */
public interface TenantControls {
    /** Raise or lower the tenant's checkpoint guard: raised, every tenant thread calls back at its next checkpoint. */
    void setGuard(boolean raised);

    /**
     * Called after each full sample of the tenant ({@code nowNanos} from {@link System#nanoTime()}), so the
     * host can tend its levers: a guard that has stayed lowered a while can be made free again.
     */
    default void afterSample(long nowNanos) {}

    /** Stop the tenant for a violation; it ends KILLED with this reason. Called off the tenant's threads. */
    void kill(String reason);

    /** Record something notable about the tenant (throttled, deadlock, quota reached...). */
    void event(String type, String detail);

    /** True for the tenant's request workers, which the thread quota does not count. */
    boolean isRequestWorker(Thread thread);
}
