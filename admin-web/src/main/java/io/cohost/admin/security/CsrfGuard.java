package io.cohost.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Refuses state-changing requests that a browser was tricked into sending (cross-site request forgery).
 * A request riding on the session cookie must carry the session's token in {@value #HEADER}, which
 * only pages of this origin can read (from {@code GET /api/session}); and when the browser says where
 * the request comes from ({@code Sec-Fetch-Site}, {@code Origin}), that must be this origin. Bearer-token
 * requests are not checked: a browser never adds a bearer token by itself.
 */
final class CsrfGuard {
    static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CsrfGuard() {}

    static boolean isStateChanging(Request request) {
        return !SAFE_METHODS.contains(request.getMethod());
    }

    /** Why the request must be refused, or empty if it may proceed. */
    static Optional<String> problem(Request request, SessionStore.Session session) {
        Optional<String> origin = crossOrigin(request);
        if (origin.isPresent()) {
            return origin;
        }
        String token = request.getHeaders().get(HEADER);
        if (token == null || token.isEmpty()) {
            return Optional.of("the request has no CSRF token; send the session's token (GET /api/session) in the "
                    + HEADER + " header");
        }
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the request's CSRF token is not this session's; reload the page");
        }
        return Optional.empty();
    }

    /** Whether the browser reports that another site sent this request; used for the login form too. */
    static Optional<String> crossOrigin(Request request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of("the request came from another site (Sec-Fetch-Site: " + site + ")");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(request))) {
            return Optional.of("the request came from another origin (" + origin + ")");
        }
        return Optional.empty();
    }

    private static String ownOrigin(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        return (request.isSecure() ? "https" : "http") + "://" + (host == null ? "" : host.toLowerCase(Locale.ROOT));
    }
}
