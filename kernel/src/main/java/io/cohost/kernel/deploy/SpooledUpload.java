package io.cohost.kernel.deploy;

import io.cohost.kernel.management.ManagementException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload copied to a scratch file, with its size and SHA-256 (its version). Streaming keeps
 * memory flat for large WARs, and the size cap stops an endless body before it fills the disk.
 */
public record SpooledUpload(Path file, long size, String sha256) implements AutoCloseable {

    public static SpooledUpload spool(String app, InputStream body, Path scratchDir, long maxBytes) throws IOException {
        Files.createDirectories(scratchDir);
        Path file = Files.createTempFile(scratchDir, "upload-", ".war");
        try {
            MessageDigest digest = newDigest();
            long size = 0;
            try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new ManagementException(ManagementException.Kind.TOO_LARGE,
                                "app '" + app + "': the upload is larger than the limit of " + maxBytes + " bytes",
                                "send a smaller WAR or raise the host's upload limit (--max-upload-mb)");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new SpooledUpload(file, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Deletes the scratch file unless it has been moved into the store. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
