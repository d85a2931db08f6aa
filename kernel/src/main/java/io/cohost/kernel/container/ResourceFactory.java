package io.cohost.kernel.container;

import io.cohost.kernel.config.ResourceDefinition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Creates the objects of the descriptor's {@code jndi.resources} with the app's own class loader:
 * public no-argument constructor, then a JavaBean setter per property. Errors name the app, the
 * descriptor field and the fix.
 */
final class ResourceFactory {
    private final String tenant;
    private final ClassLoader loader;

    ResourceFactory(String tenant, ClassLoader loader) {
        this.tenant = tenant;
        this.loader = loader;
    }

    Object create(String field, ResourceDefinition definition) {
        Class<?> type;
        try {
            type = Class.forName(definition.className(), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("app '" + tenant + "': " + field + ".class " + definition.className()
                    + " is not on the app's class path; bundle it in WEB-INF/lib or add its jar to the descriptor's classPath", e);
        }
        Object instance;
        try {
            instance = type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("app '" + tenant + "': " + field + ".class " + definition.className()
                    + " has no public no-argument constructor; name a class that has one (a DataSource implementation, not a driver)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("app '" + tenant + "': " + field + ": creating " + definition.className()
                    + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("app '" + tenant + "': " + field + ": cannot create " + definition.className() + ": " + e, e);
        }
        for (Map.Entry<String, String> p : definition.properties().entrySet()) {
            set(field + ".properties." + p.getKey(), instance, p.getKey(), p.getValue());
        }
        return instance;
    }

    private void set(String field, Object target, String property, String value) {
        String setter = "set" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1) {
                Object converted = convert(field, value, m.getParameterTypes()[0]);
                if (converted != null) {
                    try {
                        m.invoke(target, converted);
                        return;
                    } catch (InvocationTargetException e) {
                        throw new IllegalStateException("app '" + tenant + "': " + field + ": " + setter + "(" + value + ") failed: "
                                + e.getCause(), e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("app '" + tenant + "': " + field + ": " + setter + " is not accessible", e);
                    }
                }
            }
        }
        throw new IllegalStateException("app '" + tenant + "': " + field + ": " + target.getClass().getName() + " has no setter "
                + setter + " taking a String, a number or a boolean; check the property name");
    }

    private Object convert(String field, String value, Class<?> type) {
        try {
            if (type == String.class || type == Object.class) {
                return value;
            } else if (type == int.class || type == Integer.class) {
                return Integer.valueOf(value.trim());
            } else if (type == long.class || type == Long.class) {
                return Long.valueOf(value.trim());
            } else if (type == boolean.class || type == Boolean.class) {
                return Boolean.valueOf(value.trim());
            } else if (type == double.class || type == Double.class) {
                return Double.valueOf(value.trim());
            } else if (type == float.class || type == Float.class) {
                return Float.valueOf(value.trim());
            } else if (type == short.class || type == Short.class) {
                return Short.valueOf(value.trim());
            }
            return null;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("app '" + tenant + "': " + field + ": '" + value + "' is not a " + type.getSimpleName(), e);
        }
    }
}
