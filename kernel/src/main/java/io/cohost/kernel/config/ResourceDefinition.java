package io.cohost.kernel.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An object the host creates for the app and binds in JNDI: a {@code DataSource}, a mail session,
 * a {@code UserTransaction}... The class is loaded through the app's own class loader (its
 * {@code WEB-INF/lib} or the descriptor's {@code classPath}), created with its public no-argument
 * constructor, and each property is set through its JavaBean setter ({@code url} → {@code setUrl}),
 * converted to the setter's parameter type (String, primitives and their boxes).
 *
 * @param className  fully qualified class name
 * @param properties property name → value as text
 */
public record ResourceDefinition(String className, Map<String, String> properties) {
    public ResourceDefinition {
        Objects.requireNonNull(className, "className");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }
}
