package io.cohost.admin.security;

import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * Who sent a request to the admin plane, as established by {@link AccessGuard}: the admin in a browser
 * session ({@code via ui}), an API token ({@code via api}), or nobody yet (the login page).
 *
 * @param who  {@code admin}, {@code token:NAME} or {@code anonymous}
 * @param via  {@code ui}, {@code api} or empty
 * @param from the client's address
 */
public record Caller(String who, String via, String from, Optional<SessionStore.Session> session) {
    private static final String ATTRIBUTE = Caller.class.getName();

    static Caller anonymous(Request request) {
        return new Caller("anonymous", "", ClientAddress.of(request), Optional.empty());
    }

    void attachTo(Request request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The caller {@link AccessGuard} attached, or anonymous for a request that did not pass it. */
    public static Caller of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller c ? c : anonymous(request);
    }
}
