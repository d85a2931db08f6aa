package io.cohost.kernel.management.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The audit log, {@code DATA/admin/audit.log}: one JSON line per {@link AuditEntry}, appended and
 * forced to disk before the action's answer is sent. When the file passes {@link #ROTATE_BYTES} it is
 * renamed to {@code audit.log.1} (replacing the older one), so the log never fills the disk.
 *
 * <pre>{"at":"2025-01-01T10:00:00Z","who":"admin","via":"ui","from":"127.0.0.1","action":"stop","target":"shop","result":"ok","detail":""}</pre>
 */
public final class AuditLog {
    static final long ROTATE_BYTES = 8L << 20;
    /** How much of the file's end {@link #recent} reads: thousands of entries. */
    private static final int TAIL_BYTES = 1 << 20;

    private final Path file;
    private final long rotateBytes;
    private final ObjectMapper json = new ObjectMapper();

    AuditLog(Path file, long rotateBytes) {
        this.file = file;
        this.rotateBytes = rotateBytes;
    }

    public static AuditLog in(Path dataDir) {
        return new AuditLog(AdminFiles.dir(dataDir).resolve("audit.log"), ROTATE_BYTES);
    }

    public Path file() {
        return file;
    }

    public synchronized void append(AuditEntry entry) {
        try {
            AdminFiles.createDir(file.getParent().getParent());
            if (Files.isRegularFile(file) && Files.size(file) > rotateBytes) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(line));
                out.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file
                    + "; check free space and permissions of the data directory", e);
        }
    }

    /** The newest entries first, at most {@code limit}; lines that cannot be read are skipped. */
    public List<AuditEntry> recent(int limit) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long start = Math.max(0, size - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            in.read(buffer, start);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n")));
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0); // cut in the middle
            }
            Collections.reverse(lines);
            List<AuditEntry> entries = new ArrayList<>();
            for (String line : lines) {
                if (entries.size() >= limit) {
                    break;
                }
                if (!line.isBlank()) {
                    try {
                        entries.add(json.readValue(line, AuditEntry.class));
                    } catch (IOException e) {
                        // a line torn by a crash: the rest of the log is still worth showing
                    }
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
    }
}
