package io.cohost.kernel.sandbox;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The host's files every tenant thread may read, uncharged: the JDK's own files and the host's class
 * path (jars named by a jar's {@code Class-Path} included, as a launcher or test runner writes them).
 */
final class HostFiles {
    private static volatile List<Path> shared;

    private HostFiles() {}

    static List<Path> sharedReadOnly() {
        List<Path> s = shared;
        if (s == null) {
            s = compute();
            shared = s;
        }
        return s;
    }

    private static List<Path> compute() {
        Set<Path> paths = new LinkedHashSet<>();
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        paths.add(javaHome);
        try {
            paths.add(javaHome.toRealPath());
        } catch (IOException e) {
            // the lexical form is enough
        }
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    addWithManifestClassPath(Path.of(entry).toAbsolutePath().normalize(), paths);
                }
            }
        }
        paths.add(Path.of("/dev/random"));
        paths.add(Path.of("/dev/urandom"));
        return List.copyOf(paths);
    }

    private static void addWithManifestClassPath(Path entry, Set<Path> paths) {
        if (!paths.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            URI base = entry.toUri();
            List<Path> more = new ArrayList<>();
            for (String ref : classPath.trim().split("\\s+")) {
                try {
                    more.add(Path.of(base.resolve(ref)).toAbsolutePath().normalize());
                } catch (RuntimeException e) {
                    // not a file URL; the JDK ignores it as well
                }
            }
            more.forEach(p -> addWithManifestClassPath(p, paths));
        } catch (IOException e) {
            // not a jar: a class folder, already added
        }
    }
}
