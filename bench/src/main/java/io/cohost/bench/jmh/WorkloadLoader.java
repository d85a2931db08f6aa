package io.cohost.bench.jmh;

import io.cohost.isolation.checkpoint.GuardClass;
import io.cohost.isolation.checkpoint.GuardSwitch;
import io.cohost.isolation.transform.TransformPipeline;
import io.cohost.kernel.tenant.TenantInstanceFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Defines the workload classes ({@code io.cohost.bench.jmh.workload}) in a loader of their own, passing
 * each through a {@link TransformPipeline}: either the steps a tenant's classes go through (the same as
 * {@link TenantInstanceFactory#pipeline}: global-call redirection, checkpoint injection, statics tracking) or none. Both
 * loaders read the same class-file bytes, so the JIT sees the same code apart from the checkpoints.
 *
 * <p>Checkpoints read {@code cohost.tenant.Guard}, which a tenant's class loader defines; this loader
 * defines its own from {@link GuardClass#bytes()}. Its guard is never left raised, so only the fast path runs (the
 * slow path would call {@code Checkpoints.slow}, which acts only for tenant loaders).
 */
public final class WorkloadLoader extends ClassLoader {
    static final String WORKLOADS = "io.cohost.bench.jmh.workload.";

    static {
        registerAsParallelCapable();
    }

    private final TransformPipeline pipeline;

    private WorkloadLoader(TransformPipeline pipeline) {
        super("workloads-" + pipeline.id(), WorkloadLoader.class.getClassLoader());
        this.pipeline = pipeline;
    }

    /** The pipeline every tenant class goes through, taken from the host. */
    public static TransformPipeline tenantPipeline() {
        return TenantInstanceFactory.pipeline(false);
    }

    public static WorkloadLoader governed() {
        return new WorkloadLoader(tenantPipeline());
    }

    public static WorkloadLoader plain() {
        return new WorkloadLoader(TransformPipeline.empty());
    }

    /** The switch on this loader's guard class, as a tenant loader's {@code guardSwitch()}. */
    public GuardSwitch guardSwitch() {
        try {
            return new GuardSwitch(loadClass(GuardClass.NAME));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this loader defines " + GuardClass.NAME + " itself", e);
        }
    }

    /** A new instance of workload {@code simpleName}, defined by this loader. */
    public LongSupplier newWorkload(String simpleName) {
        try {
            Class<?> c = loadClass(WORKLOADS + simpleName);
            if (c.getClassLoader() != this) {
                throw new IllegalStateException(c + " was not defined by " + this);
            }
            return (LongSupplier) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create workload " + simpleName + ": " + e, e);
        }
    }

    /** The bytes this loader defines for a workload class. */
    public byte[] definedBytes(String className) {
        return pipeline.transform("bench", className.replace('.', '/'), original(className), WorkloadLoader::originalOrNull, getParent());
    }

    /** Checkpoints (reads of the guard) in the classes this loader defines for a workload and its nested classes. */
    public int checkpoints(String simpleName) {
        List<String> classes = new ArrayList<>(List.of(WORKLOADS + simpleName));
        int[] count = new int[1];
        for (int i = 0; i < classes.size(); i++) {
            new ClassReader(definedBytes(classes.get(i))).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitNestMember(String nestMember) {
                    classes.add(nestMember.replace('/', '.'));
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String fieldDesc) {
                            if (opcode == Opcodes.GETSTATIC && owner.equals(GuardClass.INTERNAL)) {
                                count[0]++;
                            }
                        }
                    };
                }
            }, 0);
        }
        return count[0];
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(WORKLOADS) && !name.equals(GuardClass.NAME)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = name.equals(GuardClass.NAME) ? GuardClass.bytes() : definedBytes(name);
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    static byte[] original(String className) {
        byte[] bytes = originalOrNull(className.replace('.', '/'));
        if (bytes == null) {
            throw new IllegalStateException("no class file for " + className);
        }
        return bytes;
    }

    /** The bytes of a workload class, the benchmark's "tenant" classes; null for any other (JDK, host) type. */
    private static byte[] originalOrNull(String internalName) {
        if (!internalName.startsWith(WORKLOADS.replace('.', '/'))) {
            return null;
        }
        try (InputStream in = WorkloadLoader.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
