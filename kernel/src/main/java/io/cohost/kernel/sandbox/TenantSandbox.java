package io.cohost.kernel.sandbox;

import io.cohost.agent.DescriptorGate;
import io.cohost.agent.DescriptorKind;
import io.cohost.governor.files.FileHandles;
import io.cohost.governor.files.HandleKind;
import io.cohost.kernel.management.AccessPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * One tenant instance's side of the descriptor agent: its file rules, network rules and process rule,
 * and its file handles in the governor. Its rules can change while it runs ({@link #apply}); once
 * stopping ({@link #stop}) it refuses every new descriptor, so nothing escapes the force-close.
 */
public final class TenantSandbox implements DescriptorGate {
    private static final HandleKind[] KINDS = new HandleKind[DescriptorKind.values().length];

    static {
        for (DescriptorKind k : DescriptorKind.values()) {
            KINDS[k.ordinal()] = HandleKind.valueOf(k.name());
        }
    }

    private final String tenant;
    private final FileHandles files;
    private final List<FileRules.Root> ownRoots;
    private volatile FileRules fileRules;
    private volatile NetworkRules network;
    private volatile boolean processes;
    private volatile boolean stopping;

    /**
     * @param ownRoots the instance's own files (work directory, unpacked WAR, WAR), before any grant
     */
    public TenantSandbox(String tenant, FileHandles files, List<FileRules.Root> ownRoots, AccessPolicy policy) {
        this.tenant = tenant;
        this.files = files;
        this.ownRoots = List.copyOf(ownRoots);
        apply(policy);
    }

    public String tenant() {
        return tenant;
    }

    /** The app's access policy, now (an operator changed it) or at start. */
    public void apply(AccessPolicy policy) {
        List<FileRules.Root> roots = new java.util.ArrayList<>(ownRoots);
        policy.paths().forEach((path, mode) -> roots.add(new FileRules.Root(Path.of(path),
                AccessPolicy.READ_WRITE.equals(mode), "granted " + mode)));
        this.fileRules = new FileRules(tenant, roots, HostFiles.sharedReadOnly());
        this.network = new NetworkRules(tenant, policy.network());
        this.processes = policy.processes();
    }

    /** From now on every new descriptor is refused: the instance is being torn down. */
    public void stop() {
        stopping = true;
    }

    @Override
    public boolean checkPath(Path path, boolean write) throws IOException {
        return fileRules.check(path, write);
    }

    @Override
    public boolean charges(Path path) {
        return fileRules.charges(path);
    }

    @Override
    public void checkOpen(DescriptorKind kind, int weight, boolean charged) throws IOException {
        if (stopping) {
            throw new IOException("app '" + tenant + "' is stopping: no new files or sockets");
        }
        files.checkOpen(KINDS[kind.ordinal()], weight, charged);
    }

    @Override
    public void checkConnect(InetAddress address, int port) throws IOException {
        network.check(address, port);
    }

    @Override
    public void checkProcessStart(List<String> command) throws IOException {
        if (!processes) {
            throw new IOException("app '" + tenant + "' may not start processes (tried: " + String.join(" ", command)
                    + "): a process runs outside the app's quotas and file rules and can signal the host;"
                    + " allow it with 'processes: true' in the app's access policy");
        }
    }

    @Override
    public void charge(DescriptorKind kind, int weight) {
        files.charge(KINDS[kind.ordinal()], weight);
    }

    @Override
    public void release(DescriptorKind kind, int weight) {
        files.release(KINDS[kind.ordinal()], weight);
    }

    @Override
    public String toString() {
        return "TenantSandbox{" + tenant + (stopping ? " stopping" : "") + "}";
    }
}
