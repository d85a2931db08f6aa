package io.cohost.kernel.tenant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The single place where an app's state changes. Every change is checked against
 * {@link TenantState#next()} and recorded as a {@link TenantEvent}; the newest events are kept.
 * Callers hold the app's lock, but reads may come from any thread.
 */
public final class TenantLifecycle {
    static final int MAX_EVENTS = 200;

    private final String tenant;
    private final Clock clock;
    private final List<TenantEvent> events = new ArrayList<>();
    private volatile TenantState state = TenantState.NEW;
    private volatile String detail = "";

    public TenantLifecycle(String tenant, Clock clock) {
        this.tenant = tenant;
        this.clock = clock;
    }

    public TenantState state() {
        return state;
    }

    /** Why the app is in its state: the cause of FAILED, the reason of KILLED; empty otherwise. */
    public String detail() {
        return detail;
    }

    public synchronized void moveTo(TenantState target, String cause) {
        TenantState from = state;
        if (!from.canMoveTo(target)) {
            throw new IllegalTransitionException(tenant, from, target);
        }
        state = target;
        detail = target == TenantState.FAILED || target == TenantState.KILLED ? cause : "";
        add(new TenantEvent(clock.instant(), TenantEvent.TRANSITION, from, target, cause));
    }

    /** Records an event that changes no state. */
    public synchronized void note(String type, String detail) {
        add(new TenantEvent(clock.instant(), type, state, state, detail));
    }

    public synchronized List<TenantEvent> events() {
        return List.copyOf(events);
    }

    private void add(TenantEvent event) {
        events.add(event);
        if (events.size() > MAX_EVENTS) {
            events.remove(0);
        }
    }
}
