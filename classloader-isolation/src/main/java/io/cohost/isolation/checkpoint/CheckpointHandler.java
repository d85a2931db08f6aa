package io.cohost.isolation.checkpoint;

/**
 * What a tenant thread does when it reaches a checkpoint while its tenant's guard is set. The host
 * supplies it (from the resource governor); it may park the thread (throttling), or throw
 * {@link io.cohost.isolation.runtime.TenantTerminated} to unwind it (a stopped tenant, an aborted request).
 * It runs on the tenant's thread, so it must be quick when there is nothing to do.
 */
@FunctionalInterface
public interface CheckpointHandler {
    CheckpointHandler NONE = () -> { };

    void atCheckpoint();
}
