package io.cohost.kernel.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the host binds in the app's JNDI naming context, in the app's own scope (no other app sees it).
 *
 * @param env             name → value bound at {@code java:comp/env/NAME} (and found by {@code @Resource(mappedName)})
 * @param resources       name → object, e.g. {@code jdbc/mydatasource}, linked from the WAR's {@code resource-ref}s
 *                        and {@code @Resource} injections
 * @param userTransaction the object bound at {@code java:comp/UserTransaction}, if any
 */
public record JndiDefinitions(Map<String, EnvEntryValue> env, Map<String, ResourceDefinition> resources,
        Optional<ResourceDefinition> userTransaction) {

    public JndiDefinitions {
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
    }

    public static JndiDefinitions none() {
        return new JndiDefinitions(Map.of(), Map.of(), Optional.empty());
    }

    public boolean isEmpty() {
        return env.isEmpty() && resources.isEmpty() && userTransaction.isEmpty();
    }

    /** Names given here replace the same names of {@code defaults}; the rest of {@code defaults} stays. */
    JndiDefinitions over(JndiDefinitions defaults) {
        Map<String, EnvEntryValue> e = new TreeMap<>(defaults.env);
        e.putAll(env);
        Map<String, ResourceDefinition> r = new TreeMap<>(defaults.resources);
        r.putAll(resources);
        return new JndiDefinitions(e, r, userTransaction.or(defaults::userTransaction));
    }
}
