package io.cohost.kernel.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory: one folder per app with its record and its WARs, plus scratch space.
 *
 * <pre>
 * DATA/apps/NAME/app.json            the {@link AppRecord}, written atomically
 * DATA/apps/NAME/wars/SHA256.war     current and previous version (content-addressed)
 * DATA/work/NAME/                    the app's own working directory
 * DATA/work/NAME/tmp/                its java.io.tmpdir; cohost-context-N/ inside is one running instance's
 *                                    servlet temp dir (unpacked WAR, compiled JSPs), removed when it stops
 * DATA/deploy/                       the drop-in directory
 * DATA/tmp/                          uploads in progress and unpacked WARs; emptied at start
 * </pre>
 *
 * A WAR is moved into place before the record that names it is written, so after a crash a record
 * never points at a missing WAR; unreferenced WARs and folders without a record are removed by
 * {@link #recover()}.
 */
public final class AppStore {
    private static final Logger LOG = LoggerFactory.getLogger(AppStore.class);
    private static final String RECORD = "app.json";

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AppStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path appsDir() {
        return root.resolve("apps");
    }

    public Path appDir(String name) {
        return appsDir().resolve(name);
    }

    public Path warPath(String name, String version) {
        return appDir(name).resolve("wars").resolve(version + ".war");
    }

    public Path workDir(String name) {
        return root.resolve("work").resolve(name);
    }

    public Path tmpDir() {
        return root.resolve("tmp");
    }

    public Path dropInDir() {
        return root.resolve("deploy");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    /** Creates the layout, empties scratch space and removes what a crash left half-done. */
    public void recover() throws IOException {
        Files.createDirectories(appsDir());
        Files.createDirectories(dropInDir());
        Files.createDirectories(logsDir());
        AtomicFiles.deleteRecursively(tmpDir());
        Files.createDirectories(tmpDir());
        removeStaleContextDirs();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(appsDir())) {
            for (Path dir : dirs) {
                if (!Files.isRegularFile(dir.resolve(RECORD))) {
                    LOG.info("removing {}: it has no {} (a first deploy that did not finish)", dir, RECORD);
                    AtomicFiles.deleteRecursively(dir);
                } else {
                    try {
                        pruneWars(read(dir.resolve(RECORD)));
                    } catch (IOException e) {
                        LOG.warn("cannot read {}; leaving it for the operator", dir.resolve(RECORD), e);
                    }
                }
            }
        }
    }

    /** Instance temp dirs a crash left behind: no instance runs before recovery, so all of them are stale. */
    private void removeStaleContextDirs() throws IOException {
        Path work = root.resolve("work");
        if (!Files.isDirectory(work)) {
            return;
        }
        try (DirectoryStream<Path> apps = Files.newDirectoryStream(work)) {
            for (Path app : apps) {
                Path tmp = app.resolve("tmp");
                if (Files.isDirectory(tmp)) {
                    try (DirectoryStream<Path> stale = Files.newDirectoryStream(tmp, "cohost-context-*")) {
                        for (Path dir : stale) {
                            AtomicFiles.deleteRecursively(dir);
                        }
                    }
                }
            }
        }
    }

    public List<AppRecord> loadAll() throws IOException {
        List<AppRecord> records = new ArrayList<>();
        if (!Files.isDirectory(appsDir())) {
            return records;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(appsDir())) {
            for (Path dir : dirs) {
                Path file = dir.resolve(RECORD);
                if (Files.isRegularFile(file)) {
                    try {
                        records.add(read(file));
                    } catch (IOException e) {
                        LOG.warn("app '{}': cannot read {}; it is not restored until the file is fixed or removed",
                                dir.getFileName(), file, e);
                    }
                }
            }
        }
        return records;
    }

    private AppRecord read(Path file) throws IOException {
        return json.readValue(file.toFile(), AppRecord.class);
    }

    /**
     * Moves a verified upload into the app's folder under its content address. A WAR already stored
     * under that address is the same bytes, so the upload is just dropped.
     */
    public Path storeWar(String name, String version, Path upload) throws IOException {
        Path target = warPath(name, version);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.deleteIfExists(upload);
        } else {
            AtomicFiles.fsync(upload);
            AtomicFiles.move(upload, target);
        }
        return target;
    }

    public void save(AppRecord record) throws IOException {
        AtomicFiles.write(appDir(record.name()).resolve(RECORD), json.writeValueAsBytes(record));
        pruneWars(record);
    }

    /** Removes the WARs of an app that its record no longer names (older than previous, or failed uploads). */
    public void pruneWars(AppRecord record) throws IOException {
        Path wars = appDir(record.name()).resolve("wars");
        if (!Files.isDirectory(wars)) {
            return;
        }
        Set<String> keep = Set.of(record.version() + ".war", record.previousVersion() + ".war");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(wars)) {
            for (Path f : files) {
                if (!keep.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Removes an app's folder; renamed away first so a crash midway never leaves a half-deleted app. */
    public void delete(String name) throws IOException {
        Path dir = appDir(name);
        if (!Files.exists(dir)) {
            return;
        }
        Files.createDirectories(tmpDir());
        Path trash = tmpDir().resolve("undeployed-" + name + "-" + System.nanoTime());
        AtomicFiles.move(dir, trash);
        AtomicFiles.deleteRecursively(trash);
    }

    /** Removes an app folder that never got a record (its first deploy failed validation or storing). */
    public void deleteIfUnrecorded(String name) {
        Path dir = appDir(name);
        if (Files.exists(dir) && !Files.exists(dir.resolve(RECORD))) {
            try {
                AtomicFiles.deleteRecursively(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
