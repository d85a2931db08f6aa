package io.cohost.governor.heap;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One class's instance layout for the walk: its shallow size and its reference fields (inherited ones
 * included), made accessible once and cached per class. A field that cannot be opened (the host runs
 * without {@code --add-opens java.base/...}) is left out: what it holds is not counted.
 */
final class ClassLayout {
    final long shallowSize;
    final Field[] references;
    final boolean opaque;

    private ClassLayout(long shallowSize, Field[] references, boolean opaque) {
        this.shallowSize = shallowSize;
        this.references = references;
        this.opaque = opaque;
    }

    static ClassValue<ClassLayout> cache(ObjectSizeModel model) {
        return new ClassValue<>() {
            @Override
            protected ClassLayout computeValue(Class<?> type) {
                return of(type, model);
            }
        };
    }

    private static ClassLayout of(Class<?> type, ObjectSizeModel model) {
        long size = model.headerBytes();
        List<Field> refs = new ArrayList<>();
        boolean opaque = false;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                size += model.fieldSize(f.getType());
                if (!f.getType().isPrimitive()) {
                    try {
                        f.setAccessible(true);
                        refs.add(f);
                    } catch (InaccessibleObjectException | SecurityException e) {
                        opaque = true;
                    }
                }
            }
        }
        return new ClassLayout(model.align(size), refs.toArray(new Field[0]), opaque);
    }
}
