package io.cohost.kernel.isolation;

import io.cohost.kernel.testing.LiveHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohost.kernel.management.ManagementException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Every tenant class goes through the pipeline before the app starts: a class that cannot be
 * transformed fails the deploy with its name, nothing half-instrumented runs, and the transformed
 * classes are cached per WAR version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransformationPipelineIT {
    private static final String HELLO_CLASS = "WEB-INF/classes/io/cohost/samples/hello/HelloServlet.class";

    Path data;
    LiveHost host;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        host = new LiveHost(data);
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    @Test
    void aCorruptClassFailsTheDeployNamingTheClass() throws Exception {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1, 2, 3};
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("corrupt.war"), Map.of(),
                Map.of("WEB-INF/classes/broken/Broken.class", garbage));

        assertThatThrownBy(() -> host.deploy("corrupt", war))
                .isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).detail())
                        .contains("app 'corrupt'").contains("class broken.Broken cannot be loaded safely"));
        assertThat(host.state("corrupt")).isEqualTo("FAILED");
        assertThat(host.send("/corrupt/").statusCode()).isEqualTo(503);
    }

    @Test
    void aClassNamingHostInternalsIsRefused() throws Exception {
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("sneaky.war"), Map.of(),
                Map.of("WEB-INF/classes/sneaky/Sneaky.class", classReading("sneaky/Sneaky", "io/cohost/kernel/Host", "TENANT_CONNECTOR")));

        assertThatThrownBy(() -> host.deploy("sneaky", war))
                .isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).detail())
                        .contains("class sneaky.Sneaky").contains("refers to the host's internal class io.cohost.kernel.Host"));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void javaTwentyOneClassFilesDeployAndRun() throws Exception {
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("java21.war"),
                Map.of(HELLO_CLASS, b -> WarRewriter.withClassFileVersion(b, 65)), Map.of());

        host.deploy("java21", war);

        assertThat(host.get("/java21/")).isEqualTo("Hello from /java21\n");
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void javaTwentyOneClassFilesAreRefusedClearlyOnAnOlderJdk() throws Exception {
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("java21.war"),
                Map.of(HELLO_CLASS, b -> WarRewriter.withClassFileVersion(b, 65)), Map.of());

        assertThatThrownBy(() -> host.deploy("java21", war))
                .satisfies(e -> assertThat(((ManagementException) e).detail())
                        .contains("io.cohost.samples.hello.HelloServlet").contains("compiled for Java 21").contains("runs Java 17"));
    }

    @Test
    void transformedClassesAreCachedPerWarVersionAndReusedOnRestart() throws Exception {
        var app = host.deploy("cached", "hello");
        Path cacheDir = data.resolve("cache").resolve("classes");
        List<Path> caches;
        try (var files = Files.list(cacheDir)) {
            caches = files.filter(p -> p.getFileName().toString().startsWith(app.version())).toList();
        }
        assertThat(caches).hasSize(1);
        FileTime written = Files.getLastModifiedTime(caches.get(0));

        host.host.management().restart("cached");
        host.deploy("cached-copy", "hello");

        assertThat(Files.getLastModifiedTime(caches.get(0))).isEqualTo(written);
        assertThat(host.get("/cached/")).isEqualTo("Hello from /cached\n");
        assertThat(host.get("/cached-copy/")).isEqualTo("Hello from /cached-copy\n");
    }

    /** A class with one static method that reads a static field of {@code owner}. */
    private static byte[] classReading(String name, String owner, String field) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "peek", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitFieldInsn(Opcodes.GETSTATIC, owner, field, "Ljava/lang/String;");
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
