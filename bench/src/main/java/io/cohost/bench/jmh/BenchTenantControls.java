package io.cohost.bench.jmh;

import io.cohost.governor.TenantControls;
import java.util.function.Consumer;

/**
 * The governor's levers on a benchmark's "tenant": at most its guard. With an unlimited quota the
 * governor never throttles or kills; it may still raise the guard briefly (a heap measurement that
 * pauses the tenant), and instrumented code then pays for the slow path like a tenant would.
 */
final class BenchTenantControls implements TenantControls {
    private final Consumer<Boolean> guard;

    BenchTenantControls(Consumer<Boolean> guard) {
        this.guard = guard;
    }

    @Override
    public void setGuard(boolean raised) {
        guard.accept(raised);
    }

    @Override
    public void kill(String reason) {
        throw new IllegalStateException("the benchmark's tenant should never be killed: " + reason);
    }

    @Override
    public void event(String type, String detail) {
        // quota events cannot happen with an unlimited quota; thread-count notes are irrelevant here
    }

    @Override
    public boolean isRequestWorker(Thread thread) {
        return true;
    }
}
