package io.cohost.kernel.isolation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Writes a copy of a WAR with some entries rewritten and some added: test WARs built from real ones. */
public final class WarRewriter {
    private WarRewriter() {}

    public static Path rewrite(Path war, Path target, Map<String, UnaryOperator<byte[]>> rewrites, Map<String, byte[]> additions)
            throws IOException {
        try (InputStream in = Files.newInputStream(war); ZipInputStream zin = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(target); ZipOutputStream zout = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                byte[] bytes = zin.readAllBytes();
                UnaryOperator<byte[]> rewrite = rewrites.get(e.getName());
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(rewrite == null ? bytes : rewrite.apply(bytes));
                zout.closeEntry();
            }
            for (Map.Entry<String, byte[]> add : additions.entrySet()) {
                zout.putNextEntry(new ZipEntry(add.getKey()));
                zout.write(add.getValue());
                zout.closeEntry();
            }
        }
        return target;
    }

    /** The same class file marked as compiled for another Java release (major version 44 + release). */
    static byte[] withClassFileVersion(byte[] classFile, int major) {
        byte[] copy = classFile.clone();
        copy[6] = (byte) (major >> 8);
        copy[7] = (byte) major;
        return copy;
    }
}
