package io.cohost.isolation.checkpoint;

import io.cohost.isolation.transform.ClassTransformation;
import io.cohost.isolation.transform.TenantClass;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Tells the tenant's loader when each of its classes is initialized, by a call just before every normal
 * return of its {@code <clinit>} (one is added to classes that have static reference fields but none). The
 * retained-heap walk reads the statics of initialized classes only: reading a static of a class that is
 * not initialized would run the tenant's static initializer on a host thread, and reading one whose
 * initializer is still running blocks the reader until it ends. That initializer may be parked at a
 * checkpoint for the very walk that is waiting on it, so a class counts only once its initializer is done;
 * nothing can park its thread between the call and the return.
 */
public final class StaticsTracking implements ClassTransformation {
    private static final String CHECKPOINTS = "io/cohost/isolation/runtime/Checkpoints";

    @Override
    public String name() {
        return "statics";
    }

    /** 2: the class is reported at the end of its initializer; 1 reported it at the start. */
    @Override
    public int version() {
        return 2;
    }

    @Override
    public ClassVisitor wrap(ClassVisitor next, TenantClass target) {
        return new ClassVisitor(Opcodes.ASM9, next) {
            private boolean hasClinit;
            private boolean hasStaticReferences;
            private boolean isInterface;
            private boolean classConstants;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
                classConstants = (version & 0xFFFF) >= Opcodes.V1_5;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
                if ((access & Opcodes.ACC_STATIC) != 0 && (desc.startsWith("L") || desc.startsWith("["))) {
                    hasStaticReferences = true;
                }
                return super.visitField(access, name, desc, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                if (!name.equals("<clinit>") || !classConstants) {
                    return mv;
                }
                hasClinit = true;
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.RETURN) {
                            markInitialized(this);
                        }
                        super.visitInsn(opcode);
                    }
                };
            }

            @Override
            public void visitEnd() {
                if (!hasClinit && hasStaticReferences && classConstants && !isInterface) {
                    MethodVisitor mv = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
                    mv.visitCode();
                    markInitialized(mv);
                    mv.visitInsn(Opcodes.RETURN);
                    mv.visitMaxs(0, 0);
                    mv.visitEnd();
                }
                super.visitEnd();
            }

            private void markInitialized(MethodVisitor mv) {
                mv.visitLdcInsn(Type.getObjectType(target.internalName()));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CHECKPOINTS, "initialized", "(Ljava/lang/Class;)V", false);
            }
        };
    }
}
