package io.cohost.isolation.checkpoint;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * Decides whether a method can go without its entry checkpoint: a <em>leaf</em> method, one that cannot
 * run for long on its own (getters, setters, record accessors, arithmetic helpers, simple constructors).
 * An entry checkpoint costs most where a method is smallest, and the JIT inlines such methods everywhere.
 *
 * <p>A method is a leaf when its code has
 * <ul>
 *   <li>no backward branch ({@code goto}, conditional jump or switch to a target at or before it), and no
 *       {@code jsr}/{@code ret} (whose return jump is backward and invisible as a branch);</li>
 *   <li>no exception handler at all (a handler placed before an instruction it covers is a backward edge
 *       that no branch instruction shows);</li>
 *   <li>no {@code invokedynamic} and no invoke instruction, except {@code invokespecial} of the no-argument
 *       constructor of {@code java.lang.Object} or {@code java.lang.Record}, which are empty.</li>
 * </ul>
 *
 * <p><b>Why this keeps the guarantee</b> (any unbounded execution of tenant code passes a checkpoint within
 * bounded time). Without backward edges, each instruction of a leaf runs at most once per invocation, so one
 * invocation executes at most as many instructions as the method has, and it transfers control to no other
 * tenant code it could wait on: the only code it can enter besides its own is a class initializer (through
 * {@code new}, {@code getstatic}, {@code putstatic}), which runs at most once per class and is itself
 * instrumented. Unbounded execution therefore needs either a loop inside one frame, whose back edge keeps its
 * checkpoint, or unbounded invocations; each invocation of a leaf comes from a caller that is not a leaf
 * (it contains the invoke) and either runs a loop, whose back edge polls, or is itself invoked, and so on.
 * In particular every recursion cycle, direct or mutual, passes through methods that contain a call and so
 * keep their entry checkpoint. The one caller outside this argument is JDK or host code looping forever
 * around a tenant callback; leaves it can call directly keep their checkpoint ({@link HostCallable}).
 */
final class LeafMethod {
    private LeafMethod() {}

    static boolean isLeaf(MethodNode method) {
        if (!method.tryCatchBlocks.isEmpty()) {
            return false;
        }
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            int op = insn.getOpcode();
            if (op == Opcodes.JSR || op == Opcodes.RET || insn instanceof InvokeDynamicInsnNode) {
                return false;
            }
            if (insn instanceof MethodInsnNode call && !isEmptyRootConstructor(call)) {
                return false;
            }
            if (branchesBackward(method.instructions, insn)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmptyRootConstructor(MethodInsnNode call) {
        return call.getOpcode() == Opcodes.INVOKESPECIAL && call.name.equals("<init>") && call.desc.equals("()V")
                && (call.owner.equals("java/lang/Object") || call.owner.equals("java/lang/Record"));
    }

    private static boolean branchesBackward(InsnList code, AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode j) {
            return isAtOrBefore(code, j.label, insn);
        }
        if (insn instanceof TableSwitchInsnNode t) {
            return isAtOrBefore(code, t.dflt, insn) || t.labels.stream().anyMatch(l -> isAtOrBefore(code, l, insn));
        }
        if (insn instanceof LookupSwitchInsnNode l) {
            return isAtOrBefore(code, l.dflt, insn) || l.labels.stream().anyMatch(t -> isAtOrBefore(code, t, insn));
        }
        return false;
    }

    private static boolean isAtOrBefore(InsnList code, LabelNode target, AbstractInsnNode branch) {
        return code.indexOf(target) <= code.indexOf(branch);
    }
}
