package io.cohost.isolation.unload;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Clears ThreadLocal values a stopped tenant left on threads that outlive it (JVM-wide pools such as
 * the common fork-join pool). An entry is the tenant's when its ThreadLocal or its value was loaded by
 * the tenant. The entry's value is dropped and its key cleared, which the owning thread's map then
 * treats as stale; that is the only write, so a concurrent reader sees either the old value or none.
 *
 * <p>Needs {@code --add-opens java.base/java.lang}; without it the leak is reported, not cleared.
 */
public final class ThreadLocalSweeper {
    private ThreadLocalSweeper() {}

    /** Returns one note per entry it found; entries it could not clear say so. */
    public static List<String> sweep(ClassLoader tenantLoader) {
        List<String> notes = new ArrayList<>();
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        Field threadLocals;
        Field inheritable;
        try {
            threadLocals = Thread.class.getDeclaredField("threadLocals");
            inheritable = Thread.class.getDeclaredField("inheritableThreadLocals");
            threadLocals.setAccessible(true);
            inheritable.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            notes.add("ThreadLocals on shared threads could not be checked (start the host with --add-opens java.base/java.lang=ALL-UNNAMED)");
            return notes;
        }
        for (Thread t : threads) {
            for (Field f : List.of(threadLocals, inheritable)) {
                try {
                    Object map = f.get(t);
                    if (map != null) {
                        sweepMap(t, map, tenantLoader, notes);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    notes.add("ThreadLocals of thread '" + t.getName() + "' could not be checked: " + e);
                }
            }
        }
        return notes;
    }

    private static void sweepMap(Thread t, Object map, ClassLoader tenantLoader, List<String> notes) throws ReflectiveOperationException {
        Field tableField = map.getClass().getDeclaredField("table");
        tableField.setAccessible(true);
        Object[] table = (Object[]) tableField.get(map);
        if (table == null) {
            return;
        }
        for (Object entry : table) {
            if (entry == null) {
                continue;
            }
            Field valueField = entry.getClass().getDeclaredField("value");
            valueField.setAccessible(true);
            Object key = ((Reference<?>) entry).get();
            Object value = valueField.get(entry);
            if (loadedBy(key, tenantLoader) || loadedBy(value, tenantLoader)) {
                valueField.set(entry, null);
                ((Reference<?>) entry).clear();
                notes.add("cleared a ThreadLocal (" + (key == null ? "stale" : key.getClass().getName()) + " = "
                        + (value == null ? "null" : value.getClass().getName()) + ") on thread '" + t.getName() + "'");
            }
        }
    }

    static boolean loadedBy(Object o, ClassLoader loader) {
        if (o == null) {
            return false;
        }
        for (ClassLoader l = o.getClass().getClassLoader(); l != null; l = l.getParent()) {
            if (l == loader) {
                return true;
            }
        }
        return false;
    }
}
