package io.cohost.kernel.deploy;

import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.HostManagement;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.state.AppRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code DATA/deploy/}: a new {@code NAME.war} deploys, a changed one redeploys, a removed one
 * undeploys the app it deployed. It polls rather than using {@code WatchService}, because a file being
 * copied in must be seen to stop changing (same size and time on two scans) before it is read; a file
 * that fails to deploy is not retried until it changes again.
 */
public final class DropInWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DropInWatcher.class);

    private record Seen(long size, long modified) {}

    private final Path dir;
    private final HostManagement management;
    private final Duration interval;
    private final Map<Path, Seen> pending = new HashMap<>();
    private final Map<Path, Seen> handled = new HashMap<>();
    private ScheduledExecutorService scanner;

    public DropInWatcher(Path dir, HostManagement management, Duration interval) {
        this.dir = dir;
        this.management = management;
        this.interval = interval;
    }

    public void start() {
        scanner = Executors.newSingleThreadScheduledExecutor(io.cohost.kernel.HostThreads.factory("cohost-dropin"));
        scanner.scheduleWithFixedDelay(this::scanSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scan();
        } catch (Throwable t) {
            LOG.warn("drop-in directory {}: scan failed", dir, t);
        }
    }

    /** One pass over the directory; public so tests and the host's first boot can run it directly. */
    public synchronized void scan() throws IOException {
        Set<Path> present = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.war")) {
            for (Path file : files) {
                present.add(file);
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                Seen now = new Seen(attrs.size(), attrs.lastModifiedTime().toMillis());
                if (now.equals(handled.get(file))) {
                    continue;
                }
                if (!now.equals(pending.put(file, now))) {
                    continue; // still changing, or first sight: look again next scan
                }
                pending.remove(file);
                handled.put(file, now);
                deploy(file);
            }
        }
        for (Path gone : new HashSet<>(handled.keySet())) {
            if (!present.contains(gone)) {
                handled.remove(gone);
                undeploy(AppNames.fromFileName(gone.getFileName().toString()));
            }
        }
        pending.keySet().retainAll(present);
        undeployOrphans(present);
    }

    private void deploy(Path file) {
        String name = AppNames.fromFileName(file.getFileName().toString());
        try {
            Optional<AppInfo> current = current(name);
            String sha = sha256(file);
            if (current.isPresent() && current.get().version().equals(sha)) {
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                AppInfo info = management.deploy(name, in, DeployRequest.defaults().withSource(AppRecord.SOURCE_DROPIN));
                LOG.info("drop-in: deployed {} as app '{}' ({})", file.getFileName(), name, info.state());
            }
        } catch (ManagementException e) {
            LOG.warn("drop-in: {} was not deployed: {} ({})", file.getFileName(), e.getMessage(), e.detail());
        } catch (IOException e) {
            LOG.warn("drop-in: cannot read {}", file, e);
        }
    }

    private void undeploy(String name) {
        Optional<AppInfo> app = current(name);
        if (app.isPresent() && AppRecord.SOURCE_DROPIN.equals(app.get().source())) {
            try {
                management.undeploy(name);
                LOG.info("drop-in: {}.war was removed; app '{}' undeployed", name, name);
            } catch (ManagementException e) {
                LOG.warn("drop-in: cannot undeploy app '{}': {}", name, e.getMessage());
            }
        }
    }

    /** Apps deployed from this directory whose file was removed while the host was down. */
    private void undeployOrphans(Set<Path> present) {
        Set<String> names = new HashSet<>();
        present.forEach(p -> names.add(AppNames.fromFileName(p.getFileName().toString())));
        for (AppInfo app : management.apps()) {
            if (AppRecord.SOURCE_DROPIN.equals(app.source()) && !names.contains(app.name())) {
                undeploy(app.name());
            }
        }
    }

    private Optional<AppInfo> current(String name) {
        try {
            return Optional.of(management.app(name));
        } catch (ManagementException e) {
            return Optional.empty();
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }
}
