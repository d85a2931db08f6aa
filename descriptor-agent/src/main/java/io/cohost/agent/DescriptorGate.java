package io.cohost.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * One tenant instance as the agent sees it: what it may open, reach and start, and the account its
 * descriptors are charged to. The host implements it; the agent calls it on the tenant's own thread
 * (checks, charges) or on any thread (releases, when a descriptor is closed or collected).
 */
public interface DescriptorGate {
    /**
     * Refuses (with {@link java.nio.file.AccessDeniedException}) access to a file the tenant may not
     * read, or write when {@code write}. Returns whether a descriptor open on it is charged to the
     * tenant: false for files the host shares read-only (the JDK's, the host's class path), which the
     * JVM and the container may cache across tenants and must never be closed with one.
     */
    boolean checkPath(Path path, boolean write) throws IOException;

    /** Like {@link #checkPath} without refusing: whether a descriptor on {@code path} is charged. */
    boolean charges(Path path);

    /**
     * Refuses a new descriptor that would take the tenant over its quota, or the process near its
     * descriptor limit; {@code charged} is false for a descriptor that only the process limit applies to.
     */
    void checkOpen(DescriptorKind kind, int weight, boolean charged) throws IOException;

    void checkConnect(InetAddress address, int port) throws IOException;

    void checkProcessStart(List<String> command) throws IOException;

    void charge(DescriptorKind kind, int weight);

    void release(DescriptorKind kind, int weight);
}
