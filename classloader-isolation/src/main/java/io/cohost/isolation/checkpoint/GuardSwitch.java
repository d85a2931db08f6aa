package io.cohost.isolation.checkpoint;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.time.Duration;

/**
 * The host's handle on one tenant's guard: set it and every tenant thread takes the slow path at its
 * next checkpoint.
 *
 * <p>Setting it also closes the tenant's gate (see {@link GuardClass}), which deoptimises the tenant's
 * compiled code once; while the gate stays closed, a checkpoint costs one volatile read. Lowering the
 * guard leaves the gate closed: a throttled tenant is raised and lowered many times a second, and
 * recompiling its code each time would cost the host far more than the reads. The gate reopens, and the
 * tenant's code compiles back to full speed, only once the guard has stayed lowered for
 * {@link #REOPEN_AFTER} ({@link #reopenIfQuiet}, called by the governor now and then).
 */
public final class GuardSwitch {
    public static final int CLEAR = 0;
    public static final int CHECK = 1;
    public static final Duration REOPEN_AFTER = Duration.ofSeconds(30);

    private final VarHandle state;
    private final MutableCallSite gate;
    private final MethodHandle open;
    private final MethodHandle check;
    private long loweredAtNanos;
    private int closings;

    public GuardSwitch(Class<?> guardClass) {
        try {
            state = MethodHandles.publicLookup().findStaticVarHandle(guardClass, GuardClass.FIELD, int.class);
            check = MethodHandles.publicLookup().findStatic(guardClass, GuardClass.CHECK, MethodType.methodType(void.class));
            Field site = guardClass.getDeclaredField(GuardClass.SITE);
            site.setAccessible(true);
            gate = (MutableCallSite) site.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("guard class " + guardClass + " is not the host's checkpoint guard", e);
        }
        open = gate.getTarget();
    }

    public synchronized void set(int value) {
        state.setVolatile(value);
        if (value == CLEAR) {
            loweredAtNanos = System.nanoTime();
        } else if (gate.getTarget() != check) {
            gate.setTarget(check);
            MutableCallSite.syncAll(new MutableCallSite[] {gate});
            closings++;
        }
    }

    public int get() {
        return (int) state.getVolatile();
    }

    /** Reopens the gate if the guard has been lowered for {@link #REOPEN_AFTER} by {@code nowNanos}. */
    public synchronized void reopenIfQuiet(long nowNanos) {
        if (gate.getTarget() == check && get() == CLEAR && nowNanos - loweredAtNanos >= REOPEN_AFTER.toNanos()) {
            gate.setTarget(open);
            MutableCallSite.syncAll(new MutableCallSite[] {gate});
        }
    }

    /** True while checkpoints compile to nothing: the guard has not been raised, or not for a while. */
    public synchronized boolean gateOpen() {
        return gate.getTarget() == open;
    }

    /** How many times raising the guard has closed the gate (each one deoptimised the tenant's code). */
    public synchronized int closings() {
        return closings;
    }
}
