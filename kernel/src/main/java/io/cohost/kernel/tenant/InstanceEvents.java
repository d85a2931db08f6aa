package io.cohost.kernel.tenant;

/**
 * What an instance reports to the registry: its code called exit, the governor wants it killed, or
 * something is worth an event. Each goes to the instance that raised it, never to a newer version.
 */
interface InstanceEvents {
    void exitCalled(String call, int status);

    void killRequested(String reason);

    void note(String type, String detail);
}
