package io.cohost.isolation.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.isolation.checkpoint.fixtures.Endless;
import io.cohost.isolation.checkpoint.fixtures.Plain;
import io.cohost.isolation.checkpoint.fixtures.Runaway;
import io.cohost.isolation.runtime.TenantTerminated;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;

class CheckpointInjectionTest {
    private final FixtureLoader loader = new FixtureLoader();

    @Test
    void leafMethodsGetNoEntryCheckpoint() {
        Map<String, MethodNode> plain = methods(Plain.class.getName());
        assertThat(pollsAtEntry(plain.get("getX"))).isFalse();
        assertThat(pollsAtEntry(plain.get("setX"))).isFalse();
        assertThat(pollsAtEntry(plain.get("max"))).isFalse();
        assertThat(pollsAtEntry(plain.get("<init>"))).as("a constructor that only calls Object's").isFalse();
        Map<String, MethodNode> point = methods(Plain.Point.class.getName());
        assertThat(pollsAtEntry(point.get("x"))).as("a record accessor").isFalse();
        assertThat(pollsAtEntry(point.get("<init>"))).as("a record's canonical constructor").isFalse();
        assertThat(guardReads(plain.get("getX")) + guardReads(point.get("x"))).isZero();
    }

    @Test
    void methodsThatCallOrLoopKeepTheirEntryCheckpoint() {
        Map<String, MethodNode> plain = methods(Plain.class.getName());
        assertThat(pollsAtEntry(plain.get("twice"))).as("a call").isTrue();
        assertThat(pollsAtEntry(plain.get("spin"))).as("recursion").isTrue();
        assertThat(pollsAtEntry(plain.get("countTo"))).as("a loop").isTrue();
        assertThat(guardReads(plain.get("countTo"))).as("entry and back edge").isEqualTo(2);
        assertThat(pollsAtEntry(plain.get("increment"))).as("invokedynamic").isTrue();
    }

    @Test
    void leavesTheJdkCanCallBackKeepTheirEntryCheckpoint() {
        Map<String, MethodNode> plain = methods(Plain.class.getName());
        assertThat(pollsAtEntry(plain.get("hashCode"))).as("an override of Object's").isTrue();
        MethodNode lambda = plain.values().stream().filter(m -> m.name.startsWith("lambda$")).findFirst().orElseThrow();
        assertThat(pollsAtEntry(lambda)).as("a lambda body").isTrue();
        Map<String, MethodNode> endless = methods(Endless.class.getName());
        assertThat(pollsAtEntry(endless.get("hasNext"))).as("implements a JDK interface").isTrue();
        assertThat(pollsAtEntry(endless.get("size"))).as("any instance method of a class with a JDK supertype").isTrue();
    }

    @Test
    void recursionWithoutALoopIsStillStopped() throws Exception {
        Method spin = loader.loadClass(Plain.class.getName()).getMethod("spin", int.class);
        assertStoppedWhenGuardIsRaised(() -> spin.invoke(null, 62));
    }

    @Test
    void aLoopThroughAnExceptionHandlerPlacedBeforeItsRangeIsStopped() throws Exception {
        loader.with("test.HandlerLoop", handlerLoop());
        Method run = loader.loadClass("test.HandlerLoop").getMethod("run");
        assertStoppedWhenGuardIsRaised(() -> run.invoke(null));
    }

    /**
     * The shapes a stop must reach, run for a second first so the JIT has compiled them with the gate open
     * (checkpoints compiled to nothing): raising the guard must deoptimise the running code and stop it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"callFreeLoop", "loopAroundInlinableCall", "catchEverythingLoop", "loopInsideSynchronized", "recurseForever"})
    void compiledRunawayCodeIsStoppedWhenTheGuardIsRaised(String shape) throws Exception {
        Method run = loader.loadClass(Runaway.class.getName()).getMethod(shape);
        assertStoppedWhenGuardIsRaised(() -> run.invoke(null), Duration.ofSeconds(1));
    }

    @Test
    void raisingTheGuardClosesTheGateAndOnlyAQuietSpellReopensIt() throws Exception {
        GuardSwitch guard = loader.guard();
        assertThat(guard.gateOpen()).as("open until the guard is first raised").isTrue();

        guard.set(GuardSwitch.CHECK);
        assertThat(guard.gateOpen()).isFalse();
        guard.set(GuardSwitch.CLEAR);
        guard.set(GuardSwitch.CHECK);
        guard.set(GuardSwitch.CLEAR);
        assertThat(guard.closings()).as("raised twice, closed once").isEqualTo(1);

        long lowered = System.nanoTime();
        guard.reopenIfQuiet(lowered + GuardSwitch.REOPEN_AFTER.toNanos() / 2);
        assertThat(guard.gateOpen()).as("lowered only briefly").isFalse();
        guard.reopenIfQuiet(lowered + GuardSwitch.REOPEN_AFTER.toNanos() + 1);
        assertThat(guard.gateOpen()).as("lowered for the whole quiet spell").isTrue();

        guard.set(GuardSwitch.CHECK);
        guard.reopenIfQuiet(System.nanoTime() + 2 * GuardSwitch.REOPEN_AFTER.toNanos());
        assertThat(guard.gateOpen()).as("never reopened while raised").isFalse();
        assertThat(guard.closings()).isEqualTo(2);
    }

    @Test
    void aRunawayIsStoppedAfterTheGateReopened() throws Exception {
        GuardSwitch guard = loader.guard();
        guard.set(GuardSwitch.CHECK);
        guard.set(GuardSwitch.CLEAR);
        guard.reopenIfQuiet(System.nanoTime() + GuardSwitch.REOPEN_AFTER.toNanos() + 1);
        Method run = loader.loadClass(Runaway.class.getName()).getMethod("callFreeLoop");
        assertStoppedWhenGuardIsRaised(() -> run.invoke(null), Duration.ofSeconds(1));
    }

    private void assertStoppedWhenGuardIsRaised(Call call) throws Exception {
        assertStoppedWhenGuardIsRaised(call, Duration.ofMillis(200));
    }

    private void assertStoppedWhenGuardIsRaised(Call call, Duration runFirst) throws Exception {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                call.run();
                ended.complete(null);
            } catch (InvocationTargetException e) {
                ended.complete(e.getCause());
            } catch (Throwable t) {
                ended.complete(t);
            }
        }, "runaway");
        runner.setDaemon(true);
        runner.start();
        // runs for a while on purpose: the code must be hot (compiled) when the guard is raised
        Thread.sleep(runFirst.toMillis());
        assertThat(ended).as("still running before the guard is raised: " + (ended.isDone() ? ended.getNow(null) : "")).isNotDone();
        loader.guard().set(GuardSwitch.CHECK);
        assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(TenantTerminated.class);
    }

    /**
     * <pre>
     * static void run() {
     *   handler:  pop                     // reached backwards from the division below
     *   start:    iconst_1; iconst_0; idiv; pop; return
     *   end:      (ArithmeticException from start to end goes to handler)
     * }</pre>
     * No branch goes backwards, yet it loops forever.
     */
    private static byte[] handlerLoop() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "test/HandlerLoop", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        Label handler = new Label();
        Label start = new Label();
        Label end = new Label();
        mv.visitCode();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/ArithmeticException");
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitLabel(handler);
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(start);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IDIV);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private Map<String, MethodNode> methods(String className) {
        ClassNode node = new ClassNode();
        new ClassReader(loader.transformed(className)).accept(node, 0);
        Map<String, MethodNode> byName = new HashMap<>();
        node.methods.forEach(m -> byName.put(m.name, m));
        return byName;
    }

    private static boolean pollsAtEntry(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                return isGuardRead(insn);
            }
        }
        return false;
    }

    private static int guardReads(MethodNode method) {
        int reads = 0;
        for (AbstractInsnNode insn : method.instructions) {
            reads += isGuardRead(insn) ? 1 : 0;
        }
        return reads;
    }

    private static boolean isGuardRead(AbstractInsnNode insn) {
        return insn instanceof FieldInsnNode f && f.getOpcode() == Opcodes.GETSTATIC && f.owner.equals(GuardClass.INTERNAL)
                && f.name.equals(GuardClass.GATE);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
