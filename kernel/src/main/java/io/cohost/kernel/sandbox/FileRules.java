package io.cohost.kernel.sandbox;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which files one tenant instance may touch, checked on every open, listing, creation, deletion and
 * move its threads make (its code, the libraries it bundles, the JDK and the container working for it):
 *
 * <pre>
 *   read-write  its work directory DATA/work/NAME (also its java.io.tmpdir), its unpacked WAR, granted paths
 *   read        paths granted read-only
 *   read, not charged   its WAR: the container keeps it open (mounted) for the app's life and shares that
 *                       with a second instance of the same version during a redeploy
 *   read, not charged   the host's shared read-only files: the JDK (java.home), the host's class path,
 *                       /dev/random and /dev/urandom; JDK and container code reads them for the tenant
 *                       (classes, time zones, security settings) and may cache them across tenants
 *   anything else       refused: other apps' files, the data directory's state, the admin credentials,
 *                       /etc, /proc/self, ...
 * </pre>
 *
 * Paths are compared as written, made absolute and normalized (no symbolic link is followed: links
 * are checked when created, and may only point where the app may write).
 */
public final class FileRules {
    /** One root of the tenant's own files, what it is (for messages), and whether descriptors on it are charged. */
    public record Root(Path path, boolean writable, boolean charged, String what) {
        public Root {
            path = path.toAbsolutePath().normalize();
        }

        public Root(Path path, boolean writable, String what) {
            this(path, writable, true, what);
        }
    }

    private final String tenant;
    private final List<Root> roots;
    private final List<Path> shared;
    private final String summary;

    public FileRules(String tenant, List<Root> roots, List<Path> shared) {
        this.tenant = tenant;
        // the most specific root decides: a read-only grant inside the work directory stays read-only
        List<Root> sorted = new ArrayList<>(roots);
        sorted.sort(Comparator.comparingInt((Root r) -> r.path().getNameCount()).reversed());
        this.roots = List.copyOf(sorted);
        this.shared = shared.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.summary = describe(roots);
    }

    /**
     * Refuses what the tenant may not do to {@code path}; returns whether a descriptor on it is
     * charged to the tenant (its own files) or not (the host's shared read-only files).
     */
    public boolean check(Path path, boolean write) throws AccessDeniedException {
        Path p = path.toAbsolutePath().normalize();
        Root root = rootOf(p);
        if (root != null) {
            if (write && !root.writable()) {
                throw denied(p, "app '" + tenant + "' may only read " + root.what() + " " + root.path()
                        + "; grant 'read-write' with 'paths' in the app's access policy");
            }
            return root.charged();
        }
        if (!write && isShared(p)) {
            return false;
        }
        throw denied(p, "outside the files of app '" + tenant + "' (" + summary
                + "); grant other paths with 'paths' in the app's access policy");
    }

    /** Whether a descriptor on {@code path} is charged: true unless it is one of the host's shared files. */
    public boolean charges(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Root root = rootOf(p);
        return root != null ? root.charged() : !isShared(p);
    }

    private Root rootOf(Path p) {
        for (Root r : roots) {
            if (p.startsWith(r.path())) {
                return r;
            }
        }
        return null;
    }

    private boolean isShared(Path p) {
        for (Path s : shared) {
            if (p.startsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static AccessDeniedException denied(Path p, String rule) {
        return new AccessDeniedException(p.toString(), null, "refused: " + rule);
    }

    private static String describe(List<Root> roots) {
        String rw = roots.stream().filter(Root::writable).map(r -> r.what() + " " + r.path()).collect(Collectors.joining(", "));
        String ro = roots.stream().filter(r -> !r.writable()).map(r -> r.what() + " " + r.path()).collect(Collectors.joining(", "));
        return "read-write: " + (rw.isEmpty() ? "nothing" : rw) + "; read: " + (ro.isEmpty() ? "nothing more" : ro);
    }

    @Override
    public String toString() {
        return "FileRules{" + tenant + ": " + summary + "}";
    }
}
