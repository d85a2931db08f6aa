package io.cohost.kernel.dispatch;

/**
 * What the governor gets to say about each request of one tenant: whether it may run now (the
 * concurrency quota, or rejection while the tenant is over its limits), and when its synchronous
 * part starts and ends on a tenant thread (the per-request CPU limit).
 */
public interface DispatchHooks {
    DispatchHooks NONE = new DispatchHooks() {
        @Override
        public boolean admit(Runnable dispatch) {
            dispatch.run();
            return true;
        }
    };

    /** Runs {@code dispatch} now or later; false if the request is refused (the caller answers 503). */
    boolean admit(Runnable dispatch);

    /** An admitted request has completed (successfully or not). */
    default void completed() {}

    /** Why {@link #admit} refused, for the 503 body. */
    default String refusal() {
        return "too many requests in flight";
    }

    /** Non-null while every new request must be refused: the reason. */
    default String rejection() {
        return null;
    }

    /** The synchronous handling of a request starts on the current (tenant) thread. */
    default void dispatchStarted() {}

    /** ... and ends. */
    default void dispatchEnded() {}
}
