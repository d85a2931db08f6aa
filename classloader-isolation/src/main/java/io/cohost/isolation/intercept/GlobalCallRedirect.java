package io.cohost.isolation.intercept;

import io.cohost.isolation.transform.ClassTransformation;
import io.cohost.isolation.transform.TenantClass;
import io.cohost.isolation.transform.TransformException;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites every call site (and field read, and method reference) of a member in the
 * {@link RedirectTable} to its bridge in {@code TenantSystem}, passing the calling class as the last
 * argument. The stack effect is the same plus one pushed constant, and no branch is added, so
 * frames stay valid.
 *
 * <p>Tenant code may not name the host's runtime internals: a class that refers to
 * {@code io/cohost/isolation/} outside the runtime package is refused.
 */
public final class GlobalCallRedirect implements ClassTransformation {
    /** The host's own packages; tenants may name only the runtime bridge among them. */
    private static final java.util.List<String> HOST_INTERNALS = java.util.List.of(
            "io/cohost/isolation/", "io/cohost/kernel/", "io/cohost/governor/", "io/cohost/admin/");

    private final boolean allowNativeLibraries;

    static boolean isHostInternal(String owner) {
        return !owner.startsWith("io/cohost/isolation/runtime/") && HOST_INTERNALS.stream().anyMatch(owner::startsWith);
    }

    public GlobalCallRedirect(boolean allowNativeLibraries) {
        this.allowNativeLibraries = allowNativeLibraries;
    }

    @Override
    public String name() {
        return allowNativeLibraries ? "global-calls-native" : "global-calls";
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public ClassVisitor wrap(ClassVisitor next, TenantClass target) {
        return new ClassVisitor(Opcodes.ASM9, next) {
            private boolean classConstants;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                // ldc of a class constant needs class files of Java 5 or later
                classConstants = (version & 0xFFFF) >= Opcodes.V1_5;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, desc, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                        refuseInternals(owner);
                        if (opcode == Opcodes.INVOKEVIRTUAL && mname.equals("start") && mdesc.equals("()V")
                                && target.hierarchy().isSubclassOf(owner, "java/lang/Thread")) {
                            // Thread and its subclasses: the thread quota is checked before the thread starts
                            pushCaller();
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, RedirectTable.BRIDGE, "startThread",
                                    "(Ljava/lang/Thread;Ljava/lang/Class;)V", false);
                            return;
                        }
                        RedirectTable.Redirect r = RedirectTable.find(opcode, owner, mname, mdesc);
                        if (r == null || skip(r)) {
                            super.visitMethodInsn(opcode, owner, mname, mdesc, itf);
                            return;
                        }
                        pushCaller();
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, RedirectTable.BRIDGE, r.bridge(), r.bridgeDescriptor(), false);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                        refuseInternals(owner);
                        RedirectTable.Redirect r = RedirectTable.find(opcode, owner, fname, fdesc);
                        if (r == null) {
                            super.visitFieldInsn(opcode, owner, fname, fdesc);
                            return;
                        }
                        pushCaller();
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, RedirectTable.BRIDGE, r.bridge(), r.bridgeDescriptor(), false);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String iname, String idesc, Handle bsm, Object... args) {
                        Object[] mapped = args.clone();
                        for (int i = 0; i < mapped.length; i++) {
                            if (mapped[i] instanceof Handle h) {
                                mapped[i] = redirectHandle(h);
                            }
                        }
                        super.visitInvokeDynamicInsn(iname, idesc, bsm, mapped);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        super.visitLdcInsn(value instanceof Handle h ? redirectHandle(h) : value);
                    }

                    private void pushCaller() {
                        if (classConstants) {
                            super.visitLdcInsn(Type.getObjectType(target.internalName()));
                        } else {
                            super.visitInsn(Opcodes.ACONST_NULL);
                        }
                    }
                };
            }

            /** A method reference such as {@code System::exit} becomes one to the caller-less bridge variant. */
            private Handle redirectHandle(Handle h) {
                int opcode = switch (h.getTag()) {
                    case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                    case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
                    default -> -1;
                };
                RedirectTable.Redirect r = RedirectTable.find(opcode, h.getOwner(), h.getName(), h.getDesc());
                if (r == null || skip(r) || !hasCallerlessBridge(r)) {
                    return h;
                }
                String desc = r.bridgeDescriptor().replace("Ljava/lang/Class;)", ")");
                return new Handle(Opcodes.H_INVOKESTATIC, RedirectTable.BRIDGE, r.bridge(), desc, false);
            }

            private boolean hasCallerlessBridge(RedirectTable.Redirect r) {
                return r.bridge().equals("exit") || r.bridge().equals("runtimeExit") || r.bridge().equals("runtimeHalt");
            }

            private boolean skip(RedirectTable.Redirect r) {
                return allowNativeLibraries && (r.name().equals("load") || r.name().equals("loadLibrary"));
            }

            private void refuseInternals(String owner) {
                if (isHostInternal(owner)) {
                    throw new TransformException(target.tenant(), target.className(),
                            "it refers to the host's internal class " + owner.replace('/', '.'), null);
                }
            }
        };
    }
}
