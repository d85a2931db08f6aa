package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.management.access.AuditEntry;
import io.cohost.kernel.management.access.AuditLog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed logins are limited per client address. Its own host: the lockout would spoil other tests' logins. */
class LoginRateLimitIT {
    TestHost host;

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        host = TestHost.start(data);
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    @Test
    void afterFiveFailedLoginsEvenTheRightPasswordIsRefusedWith429() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(host.anonymous().postLogin("admin", "guess " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = host.anonymous().postLogin("admin", TestHost.PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(locked.body()).contains("too many failed logins from 127.0.0.1");
        assertThat(AuditLog.in(host.data()).recent(1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("login");
            assertThat(e.result()).isEqualTo(AuditEntry.RATE_LIMITED);
        });
        // API tokens are not passwords: the lockout does not touch them
        assertThat(host.adminHttp().get("/api/apps").statusCode()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginBeforeTheLimitClearsTheCount() throws Exception {
        for (int i = 1; i <= 4; i++) {
            host.anonymous().postLogin("admin", "guess " + i);
        }
        assertThat(host.anonymous().postLogin("admin", TestHost.PASSWORD).statusCode()).isEqualTo(200);
        for (int i = 1; i <= 4; i++) {
            host.anonymous().postLogin("admin", "guess " + i);
        }

        assertThat(host.anonymous().postLogin("admin", TestHost.PASSWORD).statusCode()).isEqualTo(200);
    }
}
