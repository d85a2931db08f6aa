package io.cohost.kernel.logs;

import io.cohost.kernel.sandbox.HostScope;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only log file that rolls over by size: {@code NAME.log} becomes {@code NAME.log.1},
 * which becomes {@code NAME.log.2}, up to {@code keep} old files. Thread-safe; survives the app's
 * restarts (it appends).
 */
public final class RotatingLogFile extends OutputStream {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    public RotatingLogFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(file.getParent());
        open();
    }

    public Path file() {
        return file;
    }

    /** Opened and rolled on whatever thread writes, a tenant's too: the file is the host's, never the tenant's. */
    private void open() throws IOException {
        try (HostScope scope = HostScope.enter()) {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            size = Files.size(file);
        }
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (size + len > maxBytes && size > 0) {
            rotate();
        }
        out.write(b, off, len);
        size += len;
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private void rotate() throws IOException {
        try (HostScope scope = HostScope.enter()) {
            roll();
        }
    }

    private void roll() throws IOException {
        out.close();
        for (int i = keep - 1; i >= 1; i--) {
            Path older = sibling(i);
            if (Files.exists(older)) {
                Files.move(older, sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path sibling(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
