package io.cohost.isolation.runtime;

/**
 * Thrown in a tenant thread to unwind it: the tenant called an exit variant, or it is being stopped.
 * Stack-trace free, so it is cheap to throw and allocates almost nothing. Tenant code must not
 * swallow it; handlers that catch everything are rewritten to rethrow it.
 */
public class TenantTerminated extends Error {
    public TenantTerminated(String message) {
        super(message, null, false, false);
    }
}
