package io.cohost.kernel.container;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * Jetty's protected (loaded parent-first) and hidden (never loaded from the host) class patterns of an
 * app, shared by every app whose patterns are the same. Jetty keeps a copy per app in character tries,
 * about 100 KiB per app, although all apps with the same container features have the same ~35
 * patterns. An app's own copy is emptied once its configurations have added their patterns, and the app
 * reads the shared, immutable one instead; {@link #restore} gives it its patterns back when it stops,
 * so a restart starts from them as Jetty would.
 */
public final class SharedClassMatchers {
    /** Distinct pattern sets kept; beyond it (apps each naming their own host packages) apps keep their own. */
    static final int MAX_SHARED = 64;
    private static final Map<String, ClassMatcher> SHARED = new ConcurrentHashMap<>();

    /** The protected and hidden matchers an app reads once it shares them. */
    public record Pair(ClassMatcher protectedClasses, ClassMatcher hiddenClasses) {}

    private SharedClassMatchers() {}

    /**
     * The shared matchers equal to the app's own, which are emptied; {@code null} if they cannot be
     * shared (too many distinct sets), in which case the app keeps its own.
     */
    public static Pair share(ClassMatcher ownProtected, ClassMatcher ownHidden) {
        ClassMatcher p = shared(ownProtected);
        ClassMatcher h = shared(ownHidden);
        if (p == null || h == null) {
            return null;
        }
        ownProtected.clear();
        ownHidden.clear();
        return new Pair(p, h);
    }

    /** Puts the shared patterns back into the app's own matchers (the app stopped). */
    public static void restore(Pair shared, ClassMatcher ownProtected, ClassMatcher ownHidden) {
        ownProtected.add(shared.protectedClasses().getPatterns());
        ownHidden.add(shared.hiddenClasses().getPatterns());
    }

    static int sharedSets() {
        return SHARED.size();
    }

    private static ClassMatcher shared(ClassMatcher own) {
        String[] patterns = own.getPatterns();
        Arrays.sort(patterns);
        String key = String.join("\n", patterns);
        ClassMatcher existing = SHARED.get(key);
        if (existing != null) {
            return existing;
        }
        if (SHARED.size() >= MAX_SHARED) {
            return null;
        }
        return SHARED.computeIfAbsent(key, k -> new ClassMatcher(patterns).asImmutable());
    }
}
