package io.cohost.isolation.checkpoint;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The guard every checkpoint of one tenant goes through: a class defined once in each tenant class
 * loader, so each tenant has its own gate and its own {@code static volatile int state}.
 *
 * <pre>
 * public final class cohost.tenant.Guard {
 *     public static volatile int state;                       // 0: run on; anything else: take the slow path
 *     private static final MutableCallSite site = Checkpoints.newGate();   // target: a no-op, or check()
 *     public static final MethodHandle gate = site.dynamicInvoker();       // what every checkpoint invokes
 *     public static void check() { if (state != 0) slow(); }
 *     public static void slow() { Checkpoints.slow(Guard.class); }
 *     public static void onCatch(Throwable t) {               // at the entry of catch-everything handlers
 *         if (t instanceof TenantTerminated) throw (TenantTerminated) t;
 *         check();
 *     }
 * }
 * </pre>
 *
 * <p>Why a gate and not a read of {@code state} at every checkpoint: the JIT treats the target of a call
 * site held in a static final field as a constant, so while the gate is open ({@code gate} does nothing)
 * a checkpoint compiles to no instruction at all. Even a volatile read, one load on x86, cost 2–20% on
 * call-heavy code because it keeps the compiler from merging and moving code across it. Closing the gate
 * ({@link GuardSwitch}) sets the target to {@code check()}; the JVM then deoptimises every compiled
 * method that folded the old target, including loops running in them, at their next safepoint poll, so
 * the next checkpoint of every thread reads {@code state}. A plain static would not do: the JIT would
 * hoist it out of loops and never see it change.
 */
public final class GuardClass {
    public static final String NAME = "cohost.tenant.Guard";
    public static final String INTERNAL = "cohost/tenant/Guard";
    public static final String FIELD = "state";
    public static final String SITE = "site";
    public static final String GATE = "gate";
    public static final String CHECK = "check";
    private static final String CHECKPOINTS = "io/cohost/isolation/runtime/Checkpoints";
    private static final String TERMINATED = "io/cohost/isolation/runtime/TenantTerminated";

    private GuardClass() {}

    public static byte[] bytes() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, INTERNAL, null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE, FIELD, "I", null, null).visitEnd();

        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, SITE, "Ljava/lang/invoke/MutableCallSite;", null, null).visitEnd();
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, GATE, "Ljava/lang/invoke/MethodHandle;", null, null).visitEnd();
        MethodVisitor clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        clinit.visitMethodInsn(Opcodes.INVOKESTATIC, CHECKPOINTS, "newGate", "()Ljava/lang/invoke/MutableCallSite;", false);
        clinit.visitInsn(Opcodes.DUP);
        clinit.visitFieldInsn(Opcodes.PUTSTATIC, INTERNAL, SITE, "Ljava/lang/invoke/MutableCallSite;");
        clinit.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MutableCallSite", "dynamicInvoker", "()Ljava/lang/invoke/MethodHandle;", false);
        clinit.visitFieldInsn(Opcodes.PUTSTATIC, INTERNAL, GATE, "Ljava/lang/invoke/MethodHandle;");
        clinit.visitInsn(Opcodes.RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();

        MethodVisitor check = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, CHECK, "()V", null, null);
        check.visitCode();
        Label clear = new Label();
        check.visitFieldInsn(Opcodes.GETSTATIC, INTERNAL, FIELD, "I");
        check.visitJumpInsn(Opcodes.IFEQ, clear);
        check.visitMethodInsn(Opcodes.INVOKESTATIC, INTERNAL, "slow", "()V", false);
        check.visitLabel(clear);
        check.visitInsn(Opcodes.RETURN);
        check.visitMaxs(0, 0);
        check.visitEnd();

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
        onCatch.visitVarInsn(Opcodes.ALOAD, 0);
        onCatch.visitTypeInsn(Opcodes.INSTANCEOF, TERMINATED);
        onCatch.visitJumpInsn(Opcodes.IFEQ, notTerminated);
        onCatch.visitVarInsn(Opcodes.ALOAD, 0);
        onCatch.visitTypeInsn(Opcodes.CHECKCAST, TERMINATED);
        onCatch.visitInsn(Opcodes.ATHROW);
        onCatch.visitLabel(notTerminated);
        onCatch.visitMethodInsn(Opcodes.INVOKESTATIC, INTERNAL, CHECK, "()V", false);
        onCatch.visitInsn(Opcodes.RETURN);
        onCatch.visitMaxs(0, 0);
        onCatch.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
