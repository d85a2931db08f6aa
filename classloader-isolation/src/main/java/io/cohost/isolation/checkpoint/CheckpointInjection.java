package io.cohost.isolation.checkpoint;

import io.cohost.isolation.transform.ClassTransformation;
import io.cohost.isolation.transform.TenantClass;
import io.cohost.isolation.transform.TransformException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Inserts a checkpoint, {@code Guard.gate.invokeExact()} (see {@link GuardClass}), at every method entry and before
 * every backward branch of tenant code (also at the entry of a handler that exceptions can reach backwards),
 * and {@code Guard.onCatch(t)} at the entry of handlers that catch {@code Throwable}, {@code Error} or
 * everything. This is how the governor throttles and stops tenant code
 * without {@code Thread.stop} (gone since JDK 20).
 *
 * <p>Three exemptions keep the cost near zero where it matters:
 * <ul>
 *   <li>innermost, call-free loops of the javac shape {@code for (int i = ..; i < bound; i++)} — at most
 *       2^32 iterations, and the enclosing loop and method still poll (measured: a checkpoint inside such a
 *       loop stops C2 from unrolling and vectorising it, 2.6–3.1× slower);</li>
 *   <li>the entry of leaf methods, which have no loop and make no call, so they end in bounded time; see
 *       {@link LeafMethod} for why every unbounded execution still meets a checkpoint;</li>
 *   <li>handlers whose entry lies inside their own protected range (javac's catch-all around
 *       {@code monitorexit}): a throwing check there would catch itself forever.</li>
 * </ul>
 * Tenant code may not name the guard or catch {@code TenantTerminated}: such a class is refused.
 */
public final class CheckpointInjection implements ClassTransformation {
    private static final String TERMINATED = "io/cohost/isolation/runtime/TenantTerminated";

    @Override
    public String name() {
        return "checkpoints";
    }

    @Override
    public int version() {
        return 3;
    }

    @Override
    public ClassVisitor wrap(ClassVisitor next, TenantClass target) {
        // Methods are held until the class ends: whether a leaf keeps its entry checkpoint depends on method
        // handles that later methods may refer to.
        return new ClassVisitor(Opcodes.ASM9, next) {
            private final List<MethodNode> methods = new ArrayList<>();
            private final List<MethodVisitor> outputs = new ArrayList<>();
            private final List<String> supertypes = new ArrayList<>();

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                if (superName != null) {
                    supertypes.add(superName);
                }
                if (interfaces != null) {
                    supertypes.addAll(List.of(interfaces));
                }
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodNode method = new MethodNode(Opcodes.ASM9, access, name, desc, signature, exceptions);
                methods.add(method);
                outputs.add(super.visitMethod(access, name, desc, signature, exceptions));
                return method;
            }

            @Override
            public void visitEnd() {
                HostCallable callbacks = new HostCallable(target, supertypes, methods);
                for (int i = 0; i < methods.size(); i++) {
                    MethodNode method = methods.get(i);
                    refuseGuardUse(method, target);
                    if (method.instructions.size() > 0) {
                        boolean entryCheckpoint = !LeafMethod.isLeaf(method) || callbacks.isCallableFromHost(method);
                        instrument(method, entryCheckpoint);
                    }
                    MethodVisitor out = outputs.get(i);
                    if (out != null) {
                        method.accept(out);
                    }
                }
                super.visitEnd();
            }
        };
    }

    static void refuseGuardUse(MethodNode method, TenantClass target) {
        for (AbstractInsnNode insn : method.instructions) {
            String owner = insn instanceof FieldInsnNode f ? f.owner : insn instanceof MethodInsnNode m ? m.owner : null;
            if (GuardClass.INTERNAL.equals(owner)) {
                throw new TransformException(target.tenant(), target.className(), "it refers to the host's checkpoint guard", null);
            }
        }
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            if (TERMINATED.equals(tcb.type)) {
                throw new TransformException(target.tenant(), target.className(),
                        "it catches TenantTerminated, which the host uses to stop the app", null);
            }
        }
    }

    private static void instrument(MethodNode method, boolean entryCheckpoint) {
        InsnList code = method.instructions;
        Map<LabelNode, Integer> position = new HashMap<>();
        int i = 0;
        for (AbstractInsnNode insn : code) {
            if (insn instanceof LabelNode l) {
                position.put(l, i);
            }
            i++;
        }
        AbstractInsnNode[] insns = code.toArray();
        for (int at = 0; at < insns.length; at++) {
            AbstractInsnNode insn = insns[at];
            for (LabelNode target : targets(insn)) {
                Integer head = position.get(target);
                if (head != null && head <= at && !isCountedInnerLoop(insns, head, at)) {
                    code.insertBefore(insn, poll());
                    break;
                }
            }
        }
        Set<LabelNode> handlers = new HashSet<>();
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            int h = position.get(tcb.handler);
            boolean selfCovering = position.get(tcb.start) <= h && h < position.get(tcb.end);
            if (catchesTermination(tcb) && !selfCovering && handlers.add(tcb.handler)) {
                InsnList recheck = new InsnList();
                recheck.add(new InsnNode(Opcodes.DUP));
                recheck.add(new MethodInsnNode(Opcodes.INVOKESTATIC, GuardClass.INTERNAL, "onCatch", "(Ljava/lang/Throwable;)V", false));
                code.insert(afterLabelAndFrame(tcb.handler), recheck);
            }
        }
        // A handler that lies before an instruction it covers is reached by a backward edge no branch shows
        // (javac never emits one, hand-made bytecode can loop through it); a typed handler cannot catch
        // TenantTerminated, so a plain poll at its entry is safe even when it covers itself.
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            boolean reachedBackward = position.get(tcb.handler) < position.get(tcb.end);
            if (!catchesTermination(tcb) && reachedBackward && handlers.add(tcb.handler)) {
                code.insert(afterLabelAndFrame(tcb.handler), poll());
            }
        }
        if (entryCheckpoint) {
            code.insert(poll());
        }
    }

    private static boolean catchesTermination(TryCatchBlockNode tcb) {
        return tcb.type == null || tcb.type.equals("java/lang/Throwable") || tcb.type.equals("java/lang/Error");
    }

    /** {@code getstatic Guard.gate; invokevirtual MethodHandle.invokeExact()V}: nothing while the gate is open. */
    private static InsnList poll() {
        InsnList poll = new InsnList();
        poll.add(new FieldInsnNode(Opcodes.GETSTATIC, GuardClass.INTERNAL, GuardClass.GATE, "Ljava/lang/invoke/MethodHandle;"));
        poll.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", "()V", false));
        return poll;
    }

    private static AbstractInsnNode afterLabelAndFrame(LabelNode label) {
        AbstractInsnNode n = label;
        while (n.getNext() != null && (n.getNext().getOpcode() < 0) && !(n.getNext() instanceof LabelNode)) {
            n = n.getNext();
        }
        return n;
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode j) {
            return List.of(j.label);
        }
        if (insn instanceof TableSwitchInsnNode t) {
            List<LabelNode> all = new java.util.ArrayList<>(t.labels);
            all.add(t.dflt);
            return all;
        }
        if (insn instanceof LookupSwitchInsnNode l) {
            List<LabelNode> all = new java.util.ArrayList<>(l.labels);
            all.add(l.dflt);
            return all;
        }
        return List.of();
    }

    /**
     * javac's {@code for (int i = ..; i < bound; i++)} with a call-free, branch-free-backwards body:
     * <pre>head: iload i; (push bound); if_icmpge exit; ...body: one iinc i 1, no store to i...; goto head</pre>
     */
    static boolean isCountedInnerLoop(AbstractInsnNode[] insns, int head, int backEdge) {
        if (insns[backEdge].getOpcode() != Opcodes.GOTO) {
            return false;
        }
        int first = nextReal(insns, head, backEdge);
        if (first < 0 || insns[first].getOpcode() != Opcodes.ILOAD) {
            return false;
        }
        int counter = ((VarInsnNode) insns[first]).var;
        int cmp = -1;
        for (int k = first + 1; k < backEdge && k <= first + 4; k++) {
            int op = insns[k].getOpcode();
            if (op == Opcodes.IF_ICMPGE) {
                cmp = k;
                break;
            }
            boolean pushesBound = op == Opcodes.ILOAD || op == Opcodes.ALOAD || op == Opcodes.ARRAYLENGTH || op == Opcodes.GETFIELD
                    || op == Opcodes.GETSTATIC || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH || op == Opcodes.LDC
                    || (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) || op < 0;
            if (!pushesBound) {
                return false;
            }
        }
        if (cmp < 0) {
            return false;
        }
        int increments = 0;
        for (int k = cmp + 1; k < backEdge; k++) {
            AbstractInsnNode n = insns[k];
            int op = n.getOpcode();
            if (n instanceof MethodInsnNode || op == Opcodes.INVOKEDYNAMIC || op == Opcodes.MONITORENTER) {
                return false;
            }
            if (n instanceof VarInsnNode v && v.var == counter && op == Opcodes.ISTORE) {
                return false;
            }
            if (n instanceof IincInsnNode inc && inc.var == counter) {
                if (inc.incr != 1) {
                    return false;
                }
                increments++;
            }
            if (n instanceof JumpInsnNode || n instanceof TableSwitchInsnNode || n instanceof LookupSwitchInsnNode) {
                // forward branches inside the body are fine; a nested backward branch means an inner loop
                for (LabelNode t : targets(n)) {
                    int tp = indexOf(insns, t);
                    if (tp <= k) {
                        return false;
                    }
                }
            }
        }
        return increments == 1;
    }

    private static int nextReal(AbstractInsnNode[] insns, int from, int limit) {
        for (int k = from; k < limit; k++) {
            if (insns[k].getOpcode() >= 0) {
                return k;
            }
        }
        return -1;
    }

    private static int indexOf(AbstractInsnNode[] insns, AbstractInsnNode node) {
        for (int k = 0; k < insns.length; k++) {
            if (insns[k] == node) {
                return k;
            }
        }
        return Integer.MAX_VALUE;
    }
}
