package io.cohost.isolation.checkpoint;

import io.cohost.isolation.runtime.TenantTerminated;
import io.cohost.isolation.transform.TransformPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Defines test classes through checkpoint injection, next to a guard whose slow path always throws
 * {@link TenantTerminated}, as a killed tenant's does. Classes may be given as bytes; others are read
 * from the test class path.
 */
final class FixtureLoader extends ClassLoader {
    static final TransformPipeline PIPELINE = new TransformPipeline(List.of(new CheckpointInjection()));

    private final Map<String, byte[]> given = new HashMap<>();

    FixtureLoader() {
        super("fixtures", FixtureLoader.class.getClassLoader());
    }

    FixtureLoader with(String className, byte[] bytes) {
        given.put(className.replace('.', '/'), bytes);
        return this;
    }

    GuardSwitch guard() throws ClassNotFoundException {
        return new GuardSwitch(loadClass(GuardClass.NAME));
    }

    byte[] transformed(String className) {
        String internal = className.replace('.', '/');
        return PIPELINE.transform("test", internal, original(internal), this::originalOrNull, getParent());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        boolean ours = name.equals(GuardClass.NAME) || name.startsWith(FixtureLoader.class.getPackageName() + ".fixtures.")
                || given.containsKey(name.replace('.', '/'));
        if (!ours) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = name.equals(GuardClass.NAME) ? killingGuard() : transformed(name);
                c = defineClass(name, bytes, 0, bytes.length);
            }
            return c;
        }
    }

    private byte[] original(String internalName) {
        byte[] bytes = originalOrNull(internalName);
        if (bytes == null) {
            throw new IllegalStateException("no class file for " + internalName);
        }
        return bytes;
    }

    private byte[] originalOrNull(String internalName) {
        if (given.containsKey(internalName)) {
            return given.get(internalName);
        }
        if (!internalName.startsWith(FixtureLoader.class.getPackageName().replace('.', '/') + "/fixtures/")) {
            return null;
        }
        try (InputStream in = getParent().getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host's {@code cohost.tenant.Guard} with a slow path that throws {@code TenantTerminated} whenever it is reached. */
    private static byte[] killingGuard() {
        String terminated = Type.getInternalName(TenantTerminated.class);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        new ClassReader(GuardClass.bytes()).accept(new ClassVisitor(Opcodes.ASM9, cw) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor out = super.visitMethod(access, name, desc, signature, exceptions);
                if (!name.equals("slow")) {
                    return out;
                }
                out.visitCode();
                out.visitTypeInsn(Opcodes.NEW, terminated);
                out.visitInsn(Opcodes.DUP);
                out.visitLdcInsn("stopped by the test");
                out.visitMethodInsn(Opcodes.INVOKESPECIAL, terminated, "<init>", "(Ljava/lang/String;)V", false);
                out.visitInsn(Opcodes.ATHROW);
                out.visitMaxs(0, 0);
                out.visitEnd();
                return null;
            }
        }, 0);
        return cw.toByteArray();
    }
}
