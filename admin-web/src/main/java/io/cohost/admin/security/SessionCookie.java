package io.cohost.admin.security;

import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The session cookie: {@code HttpOnly} (page scripts cannot read it), {@code SameSite=Strict} (no other
 * site's page can make the browser send it), {@code Secure} when the admin connector is reached over
 * TLS, and no {@code Max-Age}, so it ends with the browser.
 */
final class SessionCookie {
    static final String NAME = "cohost_session";

    private SessionCookie() {}

    static Optional<String> read(Request request) {
        return Request.getCookies(request).stream()
                .filter(c -> NAME.equals(c.getName()))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    static void set(Request request, Response response, String sessionId) {
        Response.addCookie(response, cookie(request, sessionId, -1));
    }

    static void clear(Request request, Response response) {
        Response.addCookie(response, cookie(request, "", 0));
    }

    private static HttpCookie cookie(Request request, String value, long maxAgeSeconds) {
        HttpCookie.Builder b = HttpCookie.build(NAME, value)
                .path("/")
                .httpOnly(true)
                .sameSite(HttpCookie.SameSite.STRICT)
                .secure(request.isSecure());
        if (maxAgeSeconds >= 0) {
            b.maxAge(maxAgeSeconds);
        }
        return b.build();
    }
}
