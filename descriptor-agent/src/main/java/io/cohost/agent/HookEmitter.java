package io.cohost.agent;

import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the few bytecode shapes a hook call needs: load an argument, a field or a constant, then
 * call a static method of {@code DescriptorHooks}. The code it writes has no branches, so the frames
 * of the method it is injected into stay valid.
 */
final class HookEmitter {
    static final String HOOKS = "io/cohost/agent/boot/DescriptorHooks";

    private final MethodVisitor mv;
    private final String owner;
    private final Map<String, String> fields;

    HookEmitter(MethodVisitor mv, String owner, Map<String, String> fields) {
        this.mv = mv;
        this.owner = owner;
        this.fields = fields;
    }

    boolean hasField(String name) {
        return fields.containsKey(name);
    }

    HookEmitter self() {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        return this;
    }

    HookEmitter arg(int slot) {
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        return this;
    }

    HookEmitter intArg(int slot) {
        mv.visitVarInsn(Opcodes.ILOAD, slot);
        return this;
    }

    /** {@code this.name}, typed as the class declares it. */
    HookEmitter field(String name) {
        String desc = fields.get(name);
        if (desc == null) {
            throw new IllegalStateException(owner + " has no field " + name);
        }
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, owner, name, desc);
        return this;
    }

    /** {@code this.name} of a field inherited from a superclass, read through this class. */
    HookEmitter inheritedField(String name, String desc) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, owner, name, desc);
        return this;
    }

    /** {@code ((type) arg).name}: a field of another instance, which must be of this class for protected access. */
    HookEmitter fieldOfArg(int slot, String type, String name, String desc) {
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitTypeInsn(Opcodes.CHECKCAST, type);
        mv.visitFieldInsn(Opcodes.GETFIELD, type, name, desc);
        return this;
    }

    /** {@code String.valueOf(arg)}: a path object's text, null-safe. */
    HookEmitter textOf(int slot) {
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", "(Ljava/lang/Object;)Ljava/lang/String;", false);
        return this;
    }

    HookEmitter constant(int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        }
        return this;
    }

    HookEmitter bool(boolean value) {
        mv.visitInsn(value ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        return this;
    }

    HookEmitter none() {
        mv.visitInsn(Opcodes.ACONST_NULL);
        return this;
    }

    void call(String hook, String descriptor) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, hook, descriptor, false);
    }
}
