package io.cohost.isolation.transform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The transformed classes of one WAR version under one pipeline. {@link #prepare} transforms every
 * class of the WAR ({@code WEB-INF/classes} and every jar in {@code WEB-INF/lib}) before the app starts,
 * so a class that cannot be transformed fails the deploy instead of a later request; the result is
 * kept in a cache file, and a restart or redeploy of the same WAR reads it instead of transforming again.
 *
 * <p>Entries are keyed by class name and CRC-32 of the original bytes, because several jars may
 * hold different classes of the same name and only the loader knows which one it picks.
 */
public final class TransformedClasses implements AutoCloseable {
    private final String tenant;
    private final TransformPipeline pipeline;
    private final ClassLoader parent;
    private final Map<String, byte[]> memory;
    private final ZipFile cache;

    private TransformedClasses(String tenant, TransformPipeline pipeline, ClassLoader parent, Map<String, byte[]> memory, ZipFile cache) {
        this.tenant = tenant;
        this.pipeline = pipeline;
        this.parent = parent;
        this.memory = memory;
        this.cache = cache;
    }

    /** No pipeline: classes are defined as they are. */
    public static TransformedClasses untransformed(String tenant) {
        return new TransformedClasses(tenant, TransformPipeline.empty(), ClassLoader.getPlatformClassLoader(), Map.of(), null);
    }

    /**
     * Transforms every class of {@code war}, or reuses {@code cacheFile} if an earlier run wrote it.
     *
     * @throws TransformException naming the first class that cannot be transformed
     */
    public static TransformedClasses prepare(String tenant, Path war, Path cacheFile, TransformPipeline pipeline,
            ClassLoader parent) throws IOException {
        if (pipeline.steps().isEmpty()) {
            return untransformed(tenant);
        }
        if (!Files.isRegularFile(cacheFile)) {
            java.util.List<ClassFile> originals = readClasses(war);
            Map<String, byte[]> byName = new HashMap<>();
            originals.forEach(c -> byName.putIfAbsent(c.internalName(), c.bytes()));
            Path tmp = Files.createTempFile(cacheFile.getParent(), cacheFile.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(1);
                java.util.Set<String> written = new java.util.HashSet<>();
                for (ClassFile c : originals) {
                    String key = key(c.internalName(), c.bytes());
                    if (written.add(key)) {
                        byte[] transformed = pipeline.transform(tenant, c.internalName(), c.bytes(), byName::get, parent);
                        zip.putNextEntry(new ZipEntry(key));
                        zip.write(transformed);
                        zip.closeEntry();
                    }
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return new TransformedClasses(tenant, pipeline, parent, new ConcurrentHashMap<>(), new ZipFile(cacheFile.toFile()));
    }

    /**
     * The bytes to define for a class the loader found: from the cache, or transformed now (a class
     * that was not in the WAR when it was prepared).
     */
    public byte[] transformed(String internalName, byte[] original, Function<String, byte[]> tenantBytes) {
        if (pipeline.steps().isEmpty()) {
            return original;
        }
        String key = key(internalName, original);
        if (cache != null) {
            ZipEntry entry = cache.getEntry(key);
            if (entry != null) {
                try (InputStream in = cache.getInputStream(entry)) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    // fall through: transform again
                }
            }
        }
        return memory.computeIfAbsent(key, k -> pipeline.transform(tenant, internalName, original, tenantBytes, parent));
    }

    @Override
    public void close() throws IOException {
        if (cache != null) {
            cache.close();
        }
    }

    private static String key(String internalName, byte[] original) {
        CRC32 crc = new CRC32();
        crc.update(original);
        return internalName + "@" + Long.toHexString(crc.getValue());
    }

    /** A class file found in the WAR. */
    record ClassFile(String internalName, byte[] bytes) {}

    /** Every class file in the WAR, {@code WEB-INF/classes} first, then the jars (with release-specific variants). */
    static java.util.List<ClassFile> readClasses(Path war) throws IOException {
        java.util.List<ClassFile> classes = new java.util.ArrayList<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String name = e.getName();
                if (name.startsWith("WEB-INF/classes/") && isClass(name)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        addClass(classes, name.substring("WEB-INF/classes/".length()), in.readAllBytes());
                    }
                }
            }
            for (ZipEntry e : Collections.list(zip.entries())) {
                String name = e.getName();
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar") && name.indexOf('/', "WEB-INF/lib/".length()) < 0) {
                    try (InputStream in = zip.getInputStream(e)) {
                        readJar(in, classes);
                    }
                }
            }
        }
        return classes;
    }

    private static void readJar(InputStream jarBytes, java.util.List<ClassFile> classes) throws IOException {
        try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(jarBytes.readAllBytes()))) {
            for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
                String name = e.getName();
                if (isClass(name)) {
                    // release-specific variants (META-INF/versions/N/...) are transformed too, under their own CRC
                    String path = name.startsWith("META-INF/versions/") ? stripVersion(name) : name;
                    if (path != null) {
                        addClass(classes, path, jar.readAllBytes());
                    }
                }
            }
        }
    }

    private static void addClass(java.util.List<ClassFile> classes, String path, byte[] bytes) {
        classes.add(new ClassFile(classKey(path), bytes));
    }

    private static String classKey(String path) {
        return path.substring(0, path.length() - ".class".length());
    }

    /** The class path inside a release-specific entry, or null when this JVM would never load it (a newer release). */
    private static String stripVersion(String name) {
        int start = "META-INF/versions/".length();
        int slash = name.indexOf('/', start);
        if (slash < 0) {
            return null;
        }
        try {
            int release = Integer.parseInt(name.substring(start, slash));
            return release > Runtime.version().feature() ? null : name.substring(slash + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isClass(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class");
    }
}
