package io.cohost.kernel.tenant;

/** Thrown when an operation asks an app to move to a state its current state does not lead to. */
public final class IllegalTransitionException extends IllegalStateException {
    private final String tenant;
    private final TenantState from;
    private final TenantState to;

    public IllegalTransitionException(String tenant, TenantState from, TenantState to) {
        super("tenant '" + tenant + "' is " + from + " and cannot become " + to + "; from " + from
                + " it can become " + from.next());
        this.tenant = tenant;
        this.from = from;
        this.to = to;
    }

    public String tenant() {
        return tenant;
    }

    public TenantState from() {
        return from;
    }

    public TenantState to() {
        return to;
    }
}
