package io.cohost.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.admin.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private final MutableClock clock = new MutableClock();
    private final SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(12), 3, clock);

    @Test
    void aSessionHasFreshRandomIdAndCsrfToken() {
        SessionStore.Session a = store.open("admin", "cred");
        SessionStore.Session b = store.open("admin", "cred");

        assertThat(a.id()).isNotEqualTo(b.id()).hasSize(43);
        assertThat(a.csrfToken()).isNotEqualTo(a.id()).isNotEqualTo(b.csrfToken()).hasSize(43);
        assertThat(store.find(a.id(), "cred")).contains(a);
    }

    @Test
    void aSessionEndsAfterIdleTimeButActivityKeepsItAlive() {
        SessionStore.Session s = store.open("admin", "cred");

        clock.advance(Duration.ofMinutes(29));
        assertThat(store.find(s.id(), "cred")).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.find(s.id(), "cred")).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.find(s.id(), "cred")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void aSessionEndsAfterItsMaximumAgeHoweverActive() {
        SessionStore.Session s = store.open("admin", "cred");
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(store.find(s.id(), "cred")).isPresent();
        }
        clock.advance(Duration.ofMinutes(29)); // 12 h 5 min after login, 29 min after the last request

        assertThat(store.find(s.id(), "cred")).isEmpty();
    }

    @Test
    void aPasswordResetEndsTheSessionsOpenedWithTheOldOne() {
        SessionStore.Session s = store.open("admin", "old");

        assertThat(store.find(s.id(), "new")).isEmpty();
        assertThat(store.find(s.id(), "old")).isEmpty();
    }

    @Test
    void closeEndsASession() {
        SessionStore.Session s = store.open("admin", "cred");

        store.close(s.id());

        assertThat(store.find(s.id(), "cred")).isEmpty();
    }

    @Test
    void whenFullTheLeastRecentlyUsedSessionEnds() {
        SessionStore.Session oldest = store.open("admin", "cred");
        clock.advance(Duration.ofSeconds(1));
        SessionStore.Session used = store.open("admin", "cred");
        clock.advance(Duration.ofSeconds(1));
        store.open("admin", "cred");
        clock.advance(Duration.ofSeconds(1));
        store.find(used.id(), "cred");

        store.open("admin", "cred");

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.find(oldest.id(), "cred")).isEmpty();
        assertThat(store.find(used.id(), "cred")).isPresent();
    }

    @Test
    void unknownIdsFindNothing() {
        assertThat(store.find("nope", "cred")).isEmpty();
        assertThat(store.find(null, "cred")).isEmpty();
    }
}
