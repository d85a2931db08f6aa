package io.cohost.agent;

/**
 * Which tenant the current thread works for. The host implements it (thread group, context class
 * loader, host scope); it is called on every descriptor open in the JVM, so it must be cheap and must
 * not open anything itself.
 */
@FunctionalInterface
public interface Attribution {
    Attribution HOST = () -> null;

    /**
     * The gate of the tenant the current thread works for, or null when it works for the host. Null
     * rather than Optional: this runs on every open of every host thread, which should not allocate.
     */
    DescriptorGate current();
}
