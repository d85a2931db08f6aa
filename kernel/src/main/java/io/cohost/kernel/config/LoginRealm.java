package io.cohost.kernel.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A login realm the app's {@code <login-config>} (BASIC, FORM or DIGEST) authenticates against.
 *
 * @param name  the realm name, as the WAR's {@code <realm-name>} says it
 * @param users user name → credential and roles
 */
public record LoginRealm(String name, Map<String, RealmUser> users) {
    public LoginRealm {
        Objects.requireNonNull(name, "name");
        users = java.util.Collections.unmodifiableMap(new TreeMap<>(users));
    }
}
