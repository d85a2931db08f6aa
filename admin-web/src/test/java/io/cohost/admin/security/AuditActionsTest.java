package io.cohost.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditActionsTest {

    @ParameterizedTest
    @CsvSource({
            "PUT, /api/apps/shop, deploy, shop",
            "DELETE, /api/apps/shop, undeploy, shop",
            "POST, /api/apps/shop/stop, stop, shop",
            "POST, /api/apps/shop/rollback, rollback, shop",
            "PUT, /api/apps/shop/quota, set-quota, shop",
            "POST, /api/tokens, create-token, ''",
            "DELETE, /api/tokens/ab12, revoke-token, ab12",
            "POST, /login, login, ''",
            "POST, /logout, logout, ''",
            "POST, /api/nothing, POST /api/nothing, ''"})
    void requestsAreNamedForTheAuditLog(String method, String path, String action, String target) {
        assertThat(AuditActions.describe(method, path)).isEqualTo(new AuditActions.Action(action, target));
    }
}
