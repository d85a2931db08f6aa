package io.cohost.isolation.transform;

import org.objectweb.asm.ClassVisitor;

/**
 * One step of the {@link TransformPipeline}: an ASM visitor wrapped around the next step. This is the
 * extension point the resource governor plugs into (CPU checkpoints, file-handle and thread accounting).
 *
 * <pre>{@code
 * final class NoFinalizers implements ClassTransformation {
 *     public String name() { return "no-finalizers"; }
 *     public ClassVisitor wrap(ClassVisitor next, TenantClass target) {
 *         return new ClassVisitor(Opcodes.ASM9, next) { ... };
 *     }
 * }
 * }</pre>
 *
 * Rules: a step must produce verifiable code; it may insert branches only if it says so in
 * {@link #insertsBranches()} (frames are then recomputed for the whole class); it refuses a class it
 * cannot handle by throwing {@link TransformException}, which fails the deploy.
 */
public interface ClassTransformation {
    /** A short, stable name; it is part of the cache key of transformed classes. */
    String name();

    /** Version of this step's output; bump it when the bytecode it produces changes. */
    default int version() {
        return 1;
    }

    /** True if the step adds jumps or branch targets, so stack map frames must be recomputed. */
    default boolean insertsBranches() {
        return false;
    }

    ClassVisitor wrap(ClassVisitor next, TenantClass target);
}
