package io.cohost.agent;

import io.cohost.agent.boot.DescriptorListener;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * Turns what the hooked JDK reports into checks and charges for the tenant the current thread works
 * for ({@link Attribution}): before an open, the tenant's {@link DescriptorGate} may refuse it;
 * after it, the descriptor goes into the {@link DescriptorLedger}; when it is closed, out again.
 * Host threads pass straight through.
 *
 * <p>A check that runs host code which itself opens a file (the gate noting a refused open, say)
 * would come back here: a per-thread depth makes such nested opens the host's.
 */
public final class DescriptorTracker implements DescriptorListener {
    private static final int RANDOM_ACCESS_WRITE = 2 | 16; // O_RDWR | O_TEMPORARY (delete on close)

    private final DescriptorLedger ledger = new DescriptorLedger();
    private final ThreadLocal<Frame> frames = ThreadLocal.withInitial(Frame::new);
    private volatile Attribution attribution = Attribution.HOST;

    /** Per thread: nesting depth, and the last file check, whose verdict the open that follows it reuses. */
    private static final class Frame {
        int depth;
        String checkedPath;
        boolean checkedCharged;
    }

    public void setAttribution(Attribution attribution) {
        this.attribution = attribution;
    }

    public DescriptorLedger ledger() {
        return ledger;
    }

    /** The current thread's tenant, entering its frame; null for the host (nothing to exit then). */
    private DescriptorGate enter(Frame[] holder) {
        DescriptorGate gate = attribution.current();
        if (gate == null) {
            return null;
        }
        Frame f = frames.get();
        if (f.depth > 0) {
            return null;
        }
        f.depth++;
        holder[0] = f;
        return gate;
    }

    private static void exit(Frame[] holder) {
        holder[0].depth--;
    }

    @Override
    public void checkFileOpen(String path, boolean write) throws IOException {
        checkFile(path, write);
    }

    @Override
    public void checkFileOpenMode(String path, int randomAccessMode) throws IOException {
        checkFile(path, (randomAccessMode & RANDOM_ACCESS_WRITE) != 0);
    }

    private void checkFile(String name, boolean write) throws IOException {
        Frame[] f = new Frame[1];
        DescriptorGate gate = enter(f);
        if (gate == null) {
            return;
        }
        try {
            Path path = toPath(name);
            if (path != null) {
                boolean charged = gate.checkPath(path, write);
                gate.checkOpen(DescriptorKind.FILE, 1, charged);
                f[0].checkedPath = name;
                f[0].checkedCharged = charged;
            }
        } finally {
            exit(f);
        }
    }

    @Override
    public void checkPathOpen(Object path, Object options, int kind) throws IOException {
        if (!(path instanceof Path p)) {
            return;
        }
        Frame[] f = new Frame[1];
        DescriptorGate gate = enter(f);
        if (gate == null) {
            return;
        }
        try {
            boolean write = options instanceof Set<?> o && (o.contains(StandardOpenOption.WRITE)
                    || o.contains(StandardOpenOption.APPEND) || o.contains(StandardOpenOption.DELETE_ON_CLOSE));
            boolean charged = gate.checkPath(p, write);
            DescriptorKind k = DescriptorKind.of(kind);
            // a directory stream may take two descriptors (the directory and the stream)
            gate.checkOpen(k, k == DescriptorKind.DIRECTORY ? 2 : 1, charged);
            f[0].checkedPath = p.toString();
            f[0].checkedCharged = charged;
        } finally {
            exit(f);
        }
    }

    @Override
    public void checkPathRead(Object path) throws IOException {
        checkPath(path, false);
    }

    @Override
    public void checkPathWrite(Object path) throws IOException {
        checkPath(path, true);
    }

    private void checkPath(Object path, boolean write) throws IOException {
        // an empty path names nothing (an unnamed Unix socket): the JDK makes no file of it
        if (path instanceof Path p && !p.toString().isEmpty()) {
            Frame[] f = new Frame[1];
            DescriptorGate gate = enter(f);
            if (gate != null) {
                try {
                    gate.checkPath(p, write);
                } finally {
                    exit(f);
                }
            }
        }
    }

    /** A link is checked as a write of both ends: through a link, its target is read and written. */
    @Override
    public void checkLink(Object link, Object target) throws IOException {
        if (link instanceof Path l && target instanceof Path t) {
            checkPath(l, true);
            Path parent = l.toAbsolutePath().getParent();
            checkPath(parent == null ? t : parent.resolve(t).normalize(), true);
        }
    }

    @Override
    public void checkFileRead(String path) throws IOException {
        checkPath(toPath(path), false);
    }

    @Override
    public void checkFileWrite(String path) throws IOException {
        checkPath(toPath(path), true);
    }

    /** {@code File.createTempFile}: without a directory, the JVM's temporary directory. */
    @Override
    public void checkTempDirectory(Object directory) throws IOException {
        String dir = directory instanceof File d ? d.getPath() : System.getProperty("java.io.tmpdir");
        checkPath(toPath(dir), true);
    }

    @Override
    public void checkOpen(int kind, int weight) throws IOException {
        Frame[] f = new Frame[1];
        DescriptorGate gate = enter(f);
        if (gate != null) {
            try {
                gate.checkOpen(DescriptorKind.of(kind), weight, true);
            } finally {
                exit(f);
            }
        }
    }

    @Override
    public void checkConnect(Object address, int port) throws IOException {
        if (address instanceof InetAddress a) {
            Frame[] f = new Frame[1];
            DescriptorGate gate = enter(f);
            if (gate != null) {
                try {
                    gate.checkConnect(a, port);
                } finally {
                    exit(f);
                }
            }
        }
    }

    @Override
    public void checkProcessStart(Object command) throws IOException {
        Frame[] f = new Frame[1];
        DescriptorGate gate = enter(f);
        if (gate != null) {
            try {
                List<String> cmd = command instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
                gate.checkProcessStart(cmd);
            } finally {
                exit(f);
            }
        }
    }

    @Override
    public void opened(Object owner, Object key, int kind, int weight, String detail, boolean holdOwner) {
        Frame[] f = new Frame[1];
        DescriptorGate gate;
        try {
            gate = enter(f);
        } catch (Throwable t) {
            return;
        }
        if (gate == null) {
            return;
        }
        try {
            DescriptorKind k = DescriptorKind.of(kind);
            if ((k == DescriptorKind.FILE || k == DescriptorKind.DIRECTORY) && !charged(gate, f[0], detail)) {
                return;
            }
            ledger.add(gate, owner, key, k, weight, detail, holdOwner);
        } catch (Throwable t) {
            // reporting must never break the open that already happened
        } finally {
            exit(f);
        }
    }

    /** Whether a file just opened is charged: the check before it says so, or the path is classified again. */
    private static boolean charged(DescriptorGate gate, Frame f, String detail) {
        String checked = f.checkedPath;
        f.checkedPath = null;
        if (checked != null && (detail == null || checked.equals(detail))) {
            return f.checkedCharged;
        }
        Path path = detail == null ? null : toPath(detail);
        return path == null || gate.charges(path);
    }

    /** A file channel of its own; one got from a stream ({@code getChannel()}) shares the stream's descriptor. */
    @Override
    public void fileChannelOpened(Object channel, Object fd, String path, Object parent) {
        if (parent == null) {
            opened(channel, fd, DescriptorKind.FILE.ordinal(), 1, path, false);
        }
    }

    @Override
    public void socketImplOpened(Object impl, Object fd, boolean server) {
        opened(impl, fd, (server ? DescriptorKind.SERVER_SOCKET : DescriptorKind.SOCKET).ordinal(), 1, null, false);
    }

    @Override
    public void closed(Object key) {
        try {
            ledger.remove(key);
        } catch (Throwable t) {
            // a close must go through whatever happens to the bookkeeping
        }
    }

    private static Path toPath(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            return null; // the JDK refuses it itself
        }
    }
}
