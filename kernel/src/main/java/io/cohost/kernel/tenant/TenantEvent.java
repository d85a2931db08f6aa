package io.cohost.kernel.tenant;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an app: a state transition (with the state left and entered) or a
 * notable event that changed no state, such as a redeploy that failed while the old version kept serving.
 */
public record TenantEvent(Instant at, String type, TenantState from, TenantState to, String detail) {
    public static final String TRANSITION = "transition";

    public TenantEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        detail = detail == null ? "" : detail;
    }
}
