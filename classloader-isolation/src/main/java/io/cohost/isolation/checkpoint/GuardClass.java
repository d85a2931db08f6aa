package io.cohost.isolation.checkpoint;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The guard every checkpoint of one tenant reads: a class defined once in each tenant class loader,
 * so each tenant has its own {@code static volatile int state}.
 *
 * <pre>
 * public final class cohost.tenant.Guard {
 *     public static volatile int state;                       // 0: run on; anything else: take the slow path
 *     public static void slow() { Checkpoints.slow(Guard.class); }
 *     public static void onCatch(Throwable t) {               // at the entry of catch-everything handlers
 *         if (t instanceof TenantTerminated) throw (TenantTerminated) t;
 *         if (state != 0) slow();
 *     }
 * }
 * </pre>
 *
 * A plain static would be hoisted out of loops by the JIT and never seen to change; volatile costs the
 * same as a plain load on x86.
 */
public final class GuardClass {
    public static final String NAME = "cohost.tenant.Guard";
    public static final String INTERNAL = "cohost/tenant/Guard";
    public static final String FIELD = "state";
    private static final String CHECKPOINTS = "io/cohost/isolation/runtime/Checkpoints";
    private static final String TERMINATED = "io/cohost/isolation/runtime/TenantTerminated";

    private GuardClass() {}

    public static byte[] bytes() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, INTERNAL, null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE, FIELD, "I", null, null).visitEnd();

        MethodVisitor slow = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "slow", "()V", null, null);
        slow.visitCode();
        slow.visitLdcInsn(org.objectweb.asm.Type.getObjectType(INTERNAL));
        slow.visitMethodInsn(Opcodes.INVOKESTATIC, CHECKPOINTS, "slow", "(Ljava/lang/Class;)V", false);
        slow.visitInsn(Opcodes.RETURN);
        slow.visitMaxs(0, 0);
        slow.visitEnd();

        MethodVisitor onCatch = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "onCatch", "(Ljava/lang/Throwable;)V", null, null);
        onCatch.visitCode();
        Label notTerminated = new Label();
        Label done = new Label();
        onCatch.visitVarInsn(Opcodes.ALOAD, 0);
        onCatch.visitTypeInsn(Opcodes.INSTANCEOF, TERMINATED);
        onCatch.visitJumpInsn(Opcodes.IFEQ, notTerminated);
        onCatch.visitVarInsn(Opcodes.ALOAD, 0);
        onCatch.visitTypeInsn(Opcodes.CHECKCAST, TERMINATED);
        onCatch.visitInsn(Opcodes.ATHROW);
        onCatch.visitLabel(notTerminated);
        onCatch.visitFieldInsn(Opcodes.GETSTATIC, INTERNAL, FIELD, "I");
        onCatch.visitJumpInsn(Opcodes.IFEQ, done);
        onCatch.visitMethodInsn(Opcodes.INVOKESTATIC, INTERNAL, "slow", "()V", false);
        onCatch.visitLabel(done);
        onCatch.visitInsn(Opcodes.RETURN);
        onCatch.visitMaxs(0, 0);
        onCatch.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
