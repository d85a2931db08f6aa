package io.cohost.kernel.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One log per app, {@code DATA/logs/NAME.log}, rolled over at {@value #MAX_BYTES} bytes with
 * {@value #KEEP} old files kept. The app's stdout, stderr, {@code java.util.logging} and console
 * logging all end up here.
 */
public final class TenantLogs {
    static final long MAX_BYTES = 10L << 20;
    static final int KEEP = 3;

    private final Path dir;
    private final Map<String, PrintStream> streams = new ConcurrentHashMap<>();

    public TenantLogs(Path dir) {
        this.dir = dir;
    }

    public Path file(String tenant) {
        return dir.resolve(tenant + ".log");
    }

    /** The stream an app writes its output to; one per app, shared by its restarts. */
    public PrintStream stream(String tenant) {
        return streams.computeIfAbsent(tenant, t -> {
            try {
                return new PrintStream(new RotatingLogFile(file(t), MAX_BYTES, KEEP), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("app '" + t + "': cannot open its log " + file(t), e);
            }
        });
    }

    /** Closes an undeployed app's log; the file stays until the app's folder is removed. */
    public void close(String tenant) {
        PrintStream s = streams.remove(tenant);
        if (s != null) {
            s.close();
        }
    }

    public void delete(String tenant) throws IOException {
        close(tenant);
        for (int i = 0; i <= KEEP; i++) {
            Files.deleteIfExists(i == 0 ? file(tenant) : dir.resolve(tenant + ".log." + i));
        }
    }

    /** The last {@code lines} lines of the app's current log file. */
    public List<String> tail(String tenant, int lines) throws IOException {
        Path f = file(tenant);
        if (!Files.exists(f) || lines <= 0) {
            return List.of();
        }
        PrintStream s = streams.get(tenant);
        if (s != null) {
            s.flush();
        }
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            long pos = raf.length();
            List<String> result = new ArrayList<>();
            ByteBufferLine line = new ByteBufferLine();
            while (pos > 0 && result.size() < lines) {
                raf.seek(--pos);
                int b = raf.read();
                if (b == '\n') {
                    if (line.size() > 0 || pos < raf.length() - 1) {
                        result.add(line.reversed());
                    }
                    line.clear();
                } else {
                    line.add((byte) b);
                }
            }
            if (pos == 0 && line.size() > 0 && result.size() < lines) {
                result.add(line.reversed());
            }
            Collections.reverse(result);
            return result;
        }
    }

    /** Bytes of one line collected backwards. */
    private static final class ByteBufferLine {
        private byte[] bytes = new byte[256];
        private int n;

        void add(byte b) {
            if (n == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, n * 2);
            }
            bytes[n++] = b;
        }

        int size() {
            return n;
        }

        void clear() {
            n = 0;
        }

        String reversed() {
            byte[] r = new byte[n];
            for (int i = 0; i < n; i++) {
                r[i] = bytes[n - 1 - i];
            }
            return new String(r, StandardCharsets.UTF_8);
        }
    }
}
