package io.cohost.isolation.checkpoint;

import io.cohost.isolation.transform.TenantClass;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which methods of one class JDK or host code can call directly, as callbacks. A JDK loop that runs
 * forever calling back into tenant code ({@code IntStream.iterate(..).forEach(..)}, {@code Iterable.forEach}
 * over a tenant iterator, a {@code HashMap} probing tenant {@code equals}) is stopped only by the
 * callback's entry checkpoint, so such methods keep it even when they are leaves. They are:
 * <ul>
 *   <li>methods this class refers to by a method handle constant: lambda bodies and method references;</li>
 *   <li>instance methods that override one of {@code Object}'s ({@code hashCode}, {@code equals}, ...);</li>
 *   <li>every instance method of a class with a JDK or host supertype other than {@code Object},
 *       {@code Record} and {@code Enum}, since any of them may implement that type's methods.</li>
 * </ul>
 * Not covered: a leaf of another class reached only through a method reference or a handle looked up at
 * run time, called from a JDK loop that never returns.
 */
final class HostCallable {
    private static final Set<String> PLAIN_ROOTS = Set.of("java/lang/Object", "java/lang/Record", "java/lang/Enum");
    private static final Set<String> OBJECT_METHODS = Set.of("hashCode()I", "equals(Ljava/lang/Object;)Z",
            "toString()Ljava/lang/String;", "finalize()V", "clone()Ljava/lang/Object;");

    private final String owner;
    private final boolean hostSupertype;
    private final Set<String> handleTargets = new HashSet<>();

    HostCallable(TenantClass target, List<String> directSupertypes, List<MethodNode> methods) {
        this.owner = target.internalName();
        this.hostSupertype = reachesHostType(target.hierarchy(), directSupertypes);
        for (MethodNode m : methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy) {
                    collect(indy.bsm);
                    collect(indy.bsmArgs);
                } else if (insn instanceof LdcInsnNode ldc) {
                    collect(ldc.cst);
                }
            }
        }
    }

    boolean isCallableFromHost(MethodNode m) {
        if (handleTargets.contains(m.name + m.desc)) {
            return true;
        }
        boolean instance = (m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0 && !m.name.equals("<init>");
        return instance && (hostSupertype || OBJECT_METHODS.contains(m.name + m.desc));
    }

    private void collect(Object constant) {
        if (constant instanceof Handle h) {
            if (h.getOwner().equals(owner)) {
                handleTargets.add(h.getName() + h.getDesc());
            }
        } else if (constant instanceof Object[] all) {
            for (Object c : all) {
                collect(c);
            }
        } else if (constant instanceof ConstantDynamic dynamic) {
            collect(dynamic.getBootstrapMethod());
            for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
                collect(dynamic.getBootstrapMethodArgument(i));
            }
        }
    }

    /** Walks the tenant part of the type's hierarchy; any other type met, bar the plain roots, is the host's. */
    private static boolean reachesHostType(TenantClass.TypeHierarchy hierarchy, List<String> directSupertypes) {
        Deque<String> pending = new ArrayDeque<>(directSupertypes);
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String type = pending.pop();
            if (PLAIN_ROOTS.contains(type) || !seen.add(type)) {
                continue;
            }
            List<String> supertypes = hierarchy.tenantSupertypes(type);
            if (supertypes == null) {
                return true;
            }
            pending.addAll(supertypes);
        }
        return false;
    }
}
