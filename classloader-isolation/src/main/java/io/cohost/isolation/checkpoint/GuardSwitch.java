package io.cohost.isolation.checkpoint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The host's handle on one tenant's guard: set it and every tenant thread takes the slow path at its next checkpoint. */
public final class GuardSwitch {
    public static final int CLEAR = 0;
    public static final int CHECK = 1;

    private final VarHandle state;

    public GuardSwitch(Class<?> guardClass) {
        try {
            state = MethodHandles.publicLookup().findStaticVarHandle(guardClass, GuardClass.FIELD, int.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("guard class " + guardClass + " has no field " + GuardClass.FIELD, e);
        }
    }

    public void set(int value) {
        state.setVolatile(value);
    }

    public int get() {
        return (int) state.getVolatile();
    }
}
