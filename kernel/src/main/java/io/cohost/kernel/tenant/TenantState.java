package io.cohost.kernel.tenant;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of an app and the only transitions allowed between them.
 *
 * <pre>
 *  NEW ─► DEPLOYING ─► STARTING ─► RUNNING ─► STOPPING ─► STOPPED ─► UNDEPLOYED
 *            │  │         │  │        │            │         ▲  │
 *            │  └─────────┼──┼────────┼────────────┼─────────┘  └─► STARTING, DEPLOYING
 *            │            │  └──────► KILLED ◄─────┘ (STARTING, RUNNING and STOPPING can be killed)
 *            └──────────► FAILED ◄──┘
 *   FAILED and KILLED ─► STARTING, DEPLOYING, STOPPED, UNDEPLOYED
 * </pre>
 *
 * FAILED carries the cause of a failed start, KILLED the reason the host stopped the app
 * (an exit call, a quota). Both can be started again.
 */
public enum TenantState {
    NEW,
    DEPLOYING,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED,
    KILLED,
    UNDEPLOYED;

    public Set<TenantState> next() {
        return switch (this) {
            case NEW -> EnumSet.of(DEPLOYING);
            case DEPLOYING -> EnumSet.of(STARTING, STOPPED, FAILED);
            case STARTING -> EnumSet.of(RUNNING, FAILED, KILLED);
            case RUNNING -> EnumSet.of(STOPPING, KILLED);
            case STOPPING -> EnumSet.of(STOPPED, KILLED);
            case STOPPED -> EnumSet.of(STARTING, DEPLOYING, UNDEPLOYED);
            case FAILED, KILLED -> EnumSet.of(STARTING, DEPLOYING, STOPPED, UNDEPLOYED);
            case UNDEPLOYED -> EnumSet.noneOf(TenantState.class);
        };
    }

    public boolean canMoveTo(TenantState target) {
        return next().contains(target);
    }

    /** States in which the app has no running instance and may be started. */
    public boolean isStartable() {
        return this == STOPPED || this == FAILED || this == KILLED;
    }
}
