package io.cohost.kernel.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    @Test
    void theDefaultsGrantNoPathAllowEveryDestinationAndRefuseProcesses() {
        AccessPolicy p = AccessPolicy.defaults();

        assertThat(p.paths()).isEmpty();
        assertThat(p.network()).containsExactly("*");
        assertThat(p.processes()).isFalse();
        assertThat(new AccessPolicy(null, null, false)).isEqualTo(p);
    }

    @Test
    void invalidValuesAreRefusedWithTheValidForms() {
        assertThatThrownBy(() -> new AccessPolicy(Map.of("/srv/x", "write"), null, false))
                .hasMessage("path '/srv/x': access 'write' is not one of 'read', 'read-write'");
        assertThatThrownBy(() -> new AccessPolicy(Map.of("srv/x", "read"), null, false))
                .hasMessage("path 'srv/x' must be absolute, e.g. /srv/shared/catalog");
        assertThatThrownBy(() -> new AccessPolicy(Map.of(), List.of("db.internal"), false))
                .hasMessage("invalid network pattern 'db.internal': use '*', 'HOST:PORT', '*.DOMAIN:PORT', 'HOST:*' or"
                        + " 'HOST:FROM-TO', e.g. 'db.internal:5432'");
        assertThatThrownBy(() -> new AccessPolicy(Map.of(), List.of("db:99999"), false)).hasMessageStartingWith("invalid network pattern");
    }

    @Test
    void pathsAreNormalized() {
        assertThat(AccessPolicy.defaults().withPath("/srv/a/../b/", AccessPolicy.READ).paths()).containsOnlyKeys("/srv/b");
    }
}
