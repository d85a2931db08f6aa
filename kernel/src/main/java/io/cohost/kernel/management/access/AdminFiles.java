package io.cohost.kernel.management.access;

import io.cohost.kernel.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The {@code DATA/admin} folder: owner-only, its files written atomically and readable by the owner only. */
final class AdminFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AdminFiles() {}

    static Path dir(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("admin");
    }

    static Path createDir(Path dataDir) throws IOException {
        Path dir = dir(dataDir);
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** Atomic replace; the temporary file is created owner-only, so the secret is never readable by others. */
    static void writePrivate(Path file, byte[] content) throws IOException {
        createDir(file.getParent().getParent());
        AtomicFiles.write(file, content);
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
