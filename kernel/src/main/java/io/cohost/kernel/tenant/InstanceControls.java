package io.cohost.kernel.tenant;

import io.cohost.governor.TenantControls;
import io.cohost.isolation.checkpoint.GuardSwitch;
import io.cohost.kernel.dispatch.TenantExecutor;

/** The governor's levers on one tenant instance: its checkpoint guard, its request workers, the registry. */
final class InstanceControls implements TenantControls {
    private final GuardSwitch guard;
    private final TenantExecutor executor;
    private final InstanceEvents events;

    InstanceControls(GuardSwitch guard, TenantExecutor executor, InstanceEvents events) {
        this.guard = guard;
        this.executor = executor;
        this.events = events;
    }

    @Override
    public void setGuard(boolean raised) {
        guard.set(raised ? GuardSwitch.CHECK : GuardSwitch.CLEAR);
    }

    @Override
    public void afterSample(long nowNanos) {
        guard.reopenIfQuiet(nowNanos);
    }

    @Override
    public void kill(String reason) {
        events.killRequested(reason);
    }

    @Override
    public void event(String type, String detail) {
        events.note(type, detail);
    }

    @Override
    public boolean isRequestWorker(Thread thread) {
        return executor.isWorker(thread);
    }
}
