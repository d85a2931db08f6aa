package io.cohost.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Injects the {@link JdkTargets} hook calls into the JDK classes the boot loader defines, at load
 * time or when the agent retransforms the classes already loaded. Only method bodies change (no
 * member is added), as retransformation requires; a class it cannot rewrite is left as it was and
 * reported by {@link #failures()}.
 */
final class JdkDescriptorTransformer implements ClassFileTransformer {
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) {
        if (loader != null || className == null) {
            return null;
        }
        List<JdkTargets.Target> targets = JdkTargets.of(className);
        if (targets.isEmpty()) {
            return null;
        }
        try {
            return rewrite(className, bytes, targets);
        } catch (Throwable t) {
            failures.put(className, t.toString());
            return null;
        }
    }

    byte[] rewrite(String className, byte[] bytes, List<JdkTargets.Target> targets) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Map<String, String> fields = new HashMap<>();
        List<String> done = new ArrayList<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
                fields.put(name, desc);
                return super.visitField(access, name, desc, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                List<JdkTargets.Target> matching = targets.stream().filter(t -> t.matches(name, desc)).toList();
                if (matching.isEmpty() || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return mv;
                }
                done.add(name);
                return new HookedMethod(mv, new HookEmitter(mv, className, fields), matching);
            }
        }, 0);
        byte[] result = writer.toByteArray();
        for (String m : done) {
            applied.add(className + "." + m);
        }
        return result;
    }

    /** Hooked methods, as {@code class.method} (internal class names). */
    Set<String> applied() {
        return Set.copyOf(applied);
    }

    Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    /** Entry hooks before the first instruction; exit hooks before every normal return. */
    private static final class HookedMethod extends MethodVisitor {
        private final HookEmitter emit;
        private final List<JdkTargets.Target> targets;

        HookedMethod(MethodVisitor mv, HookEmitter emit, List<JdkTargets.Target> targets) {
            super(Opcodes.ASM9, mv);
            this.emit = emit;
            this.targets = targets;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            // In a constructor this runs before super(): entry hooks use arguments and constants only.
            targets.forEach(t -> t.entry().accept(emit));
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                targets.forEach(t -> t.exit().accept(emit));
            }
            super.visitInsn(opcode);
        }
    }
}
