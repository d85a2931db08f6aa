package io.cohost.governor;

/**
 * Thrown from {@link GovernedTenant#atCheckpoint()} to tell the host to unwind the current thread:
 * the whole tenant is stopping, or only the current request is aborted. The host turns it into the
 * error its tenant code cannot swallow.
 */
public final class StopSignal extends RuntimeException {
    private final boolean requestOnly;

    StopSignal(String reason, boolean requestOnly) {
        super(reason, null, false, false);
        this.requestOnly = requestOnly;
    }

    public boolean requestOnly() {
        return requestOnly;
    }
}
