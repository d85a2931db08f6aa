package io.cohost.isolation.transform;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

/**
 * The ordered list of {@link ClassTransformation}s every class a tenant loader defines goes through,
 * applied in one ASM pass: {@code reader → step 1 → step 2 → ... → writer}.
 *
 * <p>Class files up to the newest version ASM reads (Java 26 for ASM 9.9+) are accepted; anything
 * it cannot parse, or any step that refuses, is a {@link TransformException} naming the class. When a
 * step inserts branches, frames are recomputed with a hierarchy read from class-file bytes
 * ({@link ClassHierarchy}); otherwise the original frames are kept and only max stack/locals recomputed.
 */
public final class TransformPipeline {
    private final List<ClassTransformation> steps;
    private final boolean recomputeFrames;
    private final String id;

    public TransformPipeline(List<ClassTransformation> steps) {
        this.steps = List.copyOf(steps);
        this.recomputeFrames = this.steps.stream().anyMatch(ClassTransformation::insertsBranches);
        this.id = this.steps.stream().map(s -> s.name() + "-v" + s.version()).collect(Collectors.joining("+"));
    }

    public static TransformPipeline empty() {
        return new TransformPipeline(List.of());
    }

    public List<ClassTransformation> steps() {
        return steps;
    }

    /** Identifies what this pipeline produces; transformed classes are cached under it. */
    public String id() {
        return id.isEmpty() ? "none" : id;
    }

    /** Java feature release of the class files this JVM runs: 61 for 17, 69 for 25. */
    static final int MAX_MAJOR = 44 + Runtime.version().feature();

    /** A class compiled for a newer Java than the host runs would fail on first use; fail the deploy instead. */
    static void requireRunnableVersion(TenantClass target, byte[] bytes) {
        if (bytes.length < 8 || (bytes[0] & 0xFF) != 0xCA || (bytes[1] & 0xFF) != 0xFE) {
            throw new TransformException(target.tenant(), target.className(), "it is not a class file (no CAFEBABE header)", null);
        }
        int major = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
        if (major > MAX_MAJOR) {
            throw new TransformException(target.tenant(), target.className(), "it is compiled for Java " + (major - 44)
                    + " (class file version " + major + ") but this host runs Java " + Runtime.version().feature()
                    + "; run the host on Java " + (major - 44) + " or newer, or compile the app with --release "
                    + Runtime.version().feature(), null);
        }
    }

    /**
     * Transforms one class.
     *
     * @param tenantBytes class-file bytes of other classes of the same tenant by internal name, or null
     *                    when the tenant has no such class (used to compute frames)
     * @param parent      the tenant's parent loader, for JDK and host types
     */
    public byte[] transform(String tenant, String internalName, byte[] original, Function<String, byte[]> tenantBytes,
            ClassLoader parent) {
        ClassHierarchy hierarchy = new ClassHierarchy(tenantBytes, parent);
        TenantClass target = new TenantClass(internalName, tenant, hierarchy);
        requireRunnableVersion(target, original);
        if (steps.isEmpty()) {
            return original;
        }
        try {
            ClassReader reader = new ClassReader(original);
            ClassWriter writer = new ClassWriter(recomputeFrames ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS) {
                @Override
                protected String getCommonSuperClass(String a, String b) {
                    return hierarchy.commonSuperClass(a, b);
                }
            };
            ClassVisitor chain = writer;
            for (int i = steps.size() - 1; i >= 0; i--) {
                chain = steps.get(i).wrap(chain, target);
            }
            reader.accept(chain, recomputeFrames ? ClassReader.SKIP_FRAMES : 0);
            return writer.toByteArray();
        } catch (TransformException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TransformException(tenant, target.className(),
                    "its class file is not supported (" + e.getMessage() + "); the host reads class files up to Java 26", e);
        } catch (TypeNotPresentException e) {
            throw new TransformException(tenant, target.className(), "it refers to a class that is missing: " + e.typeName(), e);
        } catch (RuntimeException e) {
            throw new TransformException(tenant, target.className(), e.toString(), e);
        }
    }
}
