package io.cohost.kernel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a few classes of a test app from source, against the test's class path (which holds the
 * Jakarta servlet API), so a test can add to a sample WAR exactly the code it needs next to the test.
 */
public final class TenantSources {
    private TenantSources() {}

    /**
     * @param sources Java source by file name under the source root, e.g. {@code "demo/Held.java"}
     * @return class files by WAR entry name, e.g. {@code "WEB-INF/classes/demo/Held.class"}
     */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        try {
            Path dir = Files.createTempDirectory("tenant-sources");
            List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", dir.resolve("classes").toString(),
                    "-classpath", System.getProperty("java.class.path")));
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path file = dir.resolve("src").resolve(s.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("test app sources do not compile (status " + status + "); javac's errors are above");
            }
            Map<String, byte[]> classes = new TreeMap<>();
            Path root = dir.resolve("classes");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    classes.put("WEB-INF/classes/" + root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
