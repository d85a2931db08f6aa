package io.cohost.bench.war;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The WARs the benchmarks deploy: the sample apps the build copied to {@code bench/target/wars}, the
 * "large-lib" WAR (hello's classes plus about 22 MB of library jars from Maven Central, assembled here
 * from {@code bench/target/large-lib}), and unique copies of either, which Cohost sees as new versions.
 */
public final class Wars {
    private final Path target;

    public Wars(Path benchTarget) {
        this.target = benchTarget;
    }

    public static Wars fromSystemProperty() {
        return new Wars(Path.of(System.getProperty("cohost.bench.target", "bench/target")));
    }

    public Path sample(String name) {
        Path war = target.resolve("wars").resolve(name + ".war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing; build the benchmarks first: mvn -pl bench -am package -DskipTests");
        }
        return war;
    }

    /** hello.war with every jar of {@code bench/target/large-lib} in its WEB-INF/lib; built once. */
    public Path largeLib() throws IOException {
        Path war = target.resolve("large-lib.war");
        if (Files.isRegularFile(war)) {
            return war;
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(target.resolve("large-lib"))) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        Path tmp = Files.createTempFile(target, "large-lib", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            copyEntries(sample("hello"), zip);
            for (Path jar : jars) {
                zip.putNextEntry(new ZipEntry("WEB-INF/lib/" + jar.getFileName()));
                Files.copy(jar, zip);
                zip.closeEntry();
            }
        }
        Files.move(tmp, war, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return war;
    }

    /** Total size of the jars in the large-lib WAR's WEB-INF/lib, in bytes. */
    public long largeLibJarBytes() throws IOException {
        try (Stream<Path> s = Files.list(target.resolve("large-lib"))) {
            return s.filter(p -> p.toString().endsWith(".jar")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /**
     * A copy of {@code war} with one extra entry holding {@code nonce}: the same app, but different bytes,
     * so Cohost treats it as a version it has never seen (no cached transformed classes).
     */
    public static Path uniqueCopy(Path war, Path dir, String nonce) throws IOException {
        Files.createDirectories(dir);
        Path copy = dir.resolve(war.getFileName().toString().replace(".war", "") + "-" + nonce + ".war");
        try (OutputStream out = Files.newOutputStream(copy); ZipOutputStream zip = new ZipOutputStream(out)) {
            copyEntries(war, zip);
            zip.putNextEntry(new ZipEntry("META-INF/bench-nonce.txt"));
            zip.write(nonce.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return copy;
    }

    private static void copyEntries(Path war, ZipOutputStream zip) throws IOException {
        try (ZipFile in = new ZipFile(war.toFile())) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (!e.isDirectory()) {
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        }
    }
}
