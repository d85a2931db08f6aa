package io.cohost.kernel.container;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the descriptor's {@code excludeInitializers} (class names, or {@code package.*}) into the
 * regular expression Jetty matches {@code ServletContainerInitializer} class names against.
 */
public final class InitializerExclusions {
    private InitializerExclusions() {}

    public static String pattern(List<String> names) {
        return names.stream()
                .map(n -> n.endsWith(".*") ? Pattern.quote(n.substring(0, n.length() - 1)) + ".*" : Pattern.quote(n))
                .collect(Collectors.joining("|"));
    }
}
