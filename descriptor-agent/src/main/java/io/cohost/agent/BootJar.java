package io.cohost.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The two classes injected JDK code calls ({@code DescriptorHooks} and its listener interface),
 * copied from the agent's own jar into a small jar on the boot class path.
 */
final class BootJar {
    static final List<String> CLASSES = List.of("io/cohost/agent/boot/DescriptorHooks.class",
            "io/cohost/agent/boot/DescriptorListener.class");

    private BootJar() {}

    static void appendTo(Instrumentation inst) throws IOException {
        Path jar = Files.createTempFile("cohost-descriptor-hooks-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                try (InputStream in = BootJar.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("the agent jar lacks " + name);
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
