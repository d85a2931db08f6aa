package io.cohost.kernel.config;

import java.util.List;
import java.util.Objects;

/**
 * A value bound at {@code java:comp/env/NAME}, like a web.xml {@code <env-entry>}.
 *
 * @param type           one of {@link #TYPES} (default {@code java.lang.String})
 * @param value          the value as text, converted to {@code type} when bound
 * @param overrideWebXml whether it replaces an {@code <env-entry>} of the same name in web.xml (default true)
 */
public record EnvEntryValue(String type, String value, boolean overrideWebXml) {
    /** The env-entry types of the Servlet specification. */
    public static final List<String> TYPES = List.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Float", "java.lang.Boolean", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character");

    public EnvEntryValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type '" + type + "' is not one of " + TYPES);
        }
    }

    /** The value as an object of {@link #type()}; throws IllegalArgumentException naming the problem. */
    public Object typedValue() {
        try {
            return switch (type) {
                case "java.lang.Integer" -> Integer.valueOf(value.trim());
                case "java.lang.Long" -> Long.valueOf(value.trim());
                case "java.lang.Double" -> Double.valueOf(value.trim());
                case "java.lang.Float" -> Float.valueOf(value.trim());
                case "java.lang.Boolean" -> parseBoolean(value.trim());
                case "java.lang.Short" -> Short.valueOf(value.trim());
                case "java.lang.Byte" -> Byte.valueOf(value.trim());
                case "java.lang.Character" -> singleChar(value);
                default -> value;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a " + type);
        }
    }

    private static Boolean parseBoolean(String v) {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("'" + v + "' is not a java.lang.Boolean (true or false)");
        }
        return Boolean.valueOf(v);
    }

    private static Character singleChar(String v) {
        if (v.length() != 1) {
            throw new IllegalArgumentException("'" + v + "' is not a java.lang.Character (exactly one character)");
        }
        return v.charAt(0);
    }
}
