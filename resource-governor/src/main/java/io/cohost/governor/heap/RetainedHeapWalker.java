package io.cohost.governor.heap;

import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Estimates the heap a tenant retains: a reachability walk from its roots (statics of its classes,
 * its servlet context and sessions, its threads' ThreadLocals) that never enters host-owned objects,
 * stops as soon as it has seen more than a limit, and can be cancelled.
 *
 * <p>It does not enter {@code Class}, {@code ClassLoader}, {@code Thread}, {@code ThreadGroup} objects,
 * objects of classes the {@code owned} predicate rejects (the host's and other tenants'), nor
 * {@code Reference.referent} (weak and soft caches are not retained). Primitive arrays are sized, not
 * visited. An explicit stack replaces recursion, because linked structures are millions deep.
 * Cost: 0.2–0.9 µs per object on JDK 17 and 0.09–0.6 µs on JDK 25, rising with the graph's size
 * (BENCHMARKS.md, figure 9).
 */
public final class RetainedHeapWalker {
    /** What a walk found. */
    public record Result(long bytes, long objects, boolean complete, long nanos) {}

    private static final Field REFERENT = referentField();

    private final ObjectSizeModel model;
    private final ClassValue<ClassLayout> layouts;
    /** Slots of the visited table kept between walks: 4 MiB with compressed references. */
    static final int KEPT_SLOTS = 1 << 20;

    private final IdentityTable visited = new IdentityTable(1 << 16);
    private Object[] stack = new Object[1 << 12];
    private volatile boolean cancelled;

    public RetainedHeapWalker(ObjectSizeModel model) {
        this.model = model;
        this.layouts = ClassLayout.cache(model);
    }

    public void cancel() {
        cancelled = true;
    }

    /**
     * Walks from the roots {@code roots} hands over.
     *
     * @param owned      classes whose instances belong to the tenant or the JDK (entered and counted)
     * @param limitBytes stop once this much is seen (the answer is then "more than the limit")
     */
    public synchronized Result walk(Consumer<Consumer<Object>> roots, Predicate<Class<?>> owned, long limitBytes) {
        long start = System.nanoTime();
        cancelled = false;
        int top = 0;
        long bytes = 0;
        long objects = 0;
        Object[][] pending = {stack};
        int[] pendingTop = {0};
        roots.accept(o -> {
            if (o != null) {
                if (pendingTop[0] == pending[0].length) {
                    pending[0] = java.util.Arrays.copyOf(pending[0], pending[0].length * 2);
                }
                pending[0][pendingTop[0]++] = o;
            }
        });
        stack = pending[0];
        top = pendingTop[0];
        try {
            while (top > 0) {
                if (cancelled || bytes > limitBytes) {
                    return new Result(bytes, objects, false, System.nanoTime() - start);
                }
                Object o = stack[--top];
                stack[top] = null;
                Class<?> type = o.getClass();
                if (skipped(type, owned) || !visited.add(o)) {
                    continue;
                }
                objects++;
                if (type.isArray()) {
                    int length = Array.getLength(o);
                    bytes += model.arraySize(type.getComponentType(), length);
                    if (!type.getComponentType().isPrimitive()) {
                        Object[] array = (Object[]) o;
                        for (Object e : array) {
                            if (e != null) {
                                top = push(top, e);
                            }
                        }
                    }
                    continue;
                }
                ClassLayout layout = layouts.get(type);
                bytes += layout.shallowSize;
                boolean reference = o instanceof Reference;
                for (Field f : layout.references) {
                    if (reference && f.equals(REFERENT)) {
                        continue;
                    }
                    Object v;
                    try {
                        v = f.get(o);
                    } catch (IllegalAccessException e) {
                        continue;
                    }
                    if (v != null) {
                        top = push(top, v);
                    }
                }
            }
            return new Result(bytes, objects, true, System.nanoTime() - start);
        } finally {
            java.util.Arrays.fill(stack, 0, Math.max(0, top), null);
            // cleared after every walk, not before the next: the table must not keep a tenant's objects alive
            visited.clear(KEPT_SLOTS);
        }
    }

    private int push(int top, Object o) {
        if (top == stack.length) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top] = o;
        return top + 1;
    }

    private static boolean skipped(Class<?> type, Predicate<Class<?>> owned) {
        if (type == Class.class || ClassLoader.class.isAssignableFrom(type) || Thread.class.isAssignableFrom(type)
                || ThreadGroup.class.isAssignableFrom(type) || type == Module.class) {
            return true;
        }
        Class<?> base = type;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        return !base.isPrimitive() && !owned.test(base);
    }

    private static Field referentField() {
        try {
            Field f = Reference.class.getDeclaredField("referent");
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
