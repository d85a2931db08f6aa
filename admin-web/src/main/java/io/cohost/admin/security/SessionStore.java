package io.cohost.admin.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in memory (a host restart ends them). A session is created only by a successful
 * login, with a new random id, so an id planted before login is worthless (no fixation). It ends on
 * logout, after {@code idleTimeout} without a request, after {@code maxAge} in any case, and when the
 * admin password it was opened with is reset.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One signed-in browser. The CSRF token is the session's own, sent back by the page in a header. */
    public static final class Session {
        private final String id;
        private final String csrfToken;
        private final String user;
        private final String credential;
        private final Instant createdAt;
        private volatile Instant lastSeen;

        Session(String id, String csrfToken, String user, String credential, Instant createdAt) {
            this.id = id;
            this.csrfToken = csrfToken;
            this.user = user;
            this.credential = credential;
            this.createdAt = createdAt;
            this.lastSeen = createdAt;
        }

        public String id() {
            return id;
        }

        public String csrfToken() {
            return csrfToken;
        }

        public String user() {
            return user;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final int maxSessions;
    private final Clock clock;

    public SessionStore(Duration idleTimeout, Duration maxAge, int maxSessions, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Opens a session for a user who just logged in.
     *
     * @param credential fingerprint of the credential used, so a password reset ends the session
     */
    public Session open(String user, String credential) {
        evictIfFull();
        Session s = new Session(randomToken(), randomToken(), user, credential, clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    /** The live session of that id, which counts as activity; empty if unknown, expired or opened with an old password. */
    public Optional<Session> find(String id, String currentCredential) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen.plus(idleTimeout)) || now.isAfter(s.createdAt.plus(maxAge))
                || !s.credential.equals(currentCredential)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    public void close(String id) {
        sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    private void evictIfFull() {
        while (sessions.size() >= maxSessions) {
            sessions.values().stream().min(Comparator.comparing((Session s) -> s.lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id, oldest));
        }
    }

    /** 256 random bits, URL-safe. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
