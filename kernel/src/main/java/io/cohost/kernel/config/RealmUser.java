package io.cohost.kernel.config;

import java.util.List;
import java.util.Objects;

/**
 * One user of a login realm.
 *
 * @param password the credential in one of Jetty's forms: {@code MD5:<32 hex digits>},
 *                 {@code CRYPT:<unix crypt>}, {@code MD:<algorithm>:<hex>}, {@code OBF:<obfuscated>}, or plain text
 * @param roles    the roles the user has (may be empty)
 */
public record RealmUser(String password, List<String> roles) {
    public RealmUser {
        Objects.requireNonNull(password, "password");
        roles = List.copyOf(roles);
    }
}
