package io.cohost.admin.security;

import io.cohost.admin.http.Json;
import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.ApiTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request into the admin plane only with proof of who sent it, and attaches that {@link Caller}:
 *
 * <pre>
 * Authorization: Bearer cohost_...   an API token (CLI, scripts, Prometheus)      via api
 * Cookie: cohost_session=...         a browser session, plus a CSRF check when     via ui
 *                                    the request changes anything
 * neither                            only the login page and its two assets; pages redirect to
 *                                    /login, everything else (API, /metrics) gets 401
 * </pre>
 *
 * A request that presents a token which is not valid is refused even if it also has a session: a
 * client that meant to use a token should learn it no longer works.
 */
public final class AccessGuard extends Handler.Wrapper {
    /** What the login page needs before anyone has logged in; nothing here tells anything about the host. */
    static final Set<String> PUBLIC_ASSETS = Set.of("/login", "/static/login.js", "/static/cohost.css", "/static/favicon.svg");

    private final SessionStore sessions;
    private final ApiTokens tokens;
    private final AdminCredentials credentials;
    private final Json json;

    public AccessGuard(SessionStore sessions, ApiTokens tokens, AdminCredentials credentials, Json json, Handler handler) {
        super(handler);
        this.sessions = sessions;
        this.tokens = tokens;
        this.credentials = credentials;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            return bearer(authorization, request, response, callback);
        }
        if (isPublic(request.getMethod(), path)) {
            Caller.anonymous(request).attachTo(request);
            return super.handle(request, response, callback);
        }
        Optional<SessionStore.Session> session = SessionCookie.read(request)
                .flatMap(id -> sessions.find(id, credentials.fingerprint()));
        if (session.isPresent()) {
            if (CsrfGuard.isStateChanging(request)) {
                Optional<String> problem = CsrfGuard.problem(request, session.get());
                if (problem.isPresent()) {
                    json.error(request, response, callback, HttpStatus.FORBIDDEN_403, "refused: " + problem.get(),
                            "state-changing requests must come from the admin UI's own pages");
                    return true;
                }
            }
            new Caller(session.get().user(), "ui", ClientAddress.of(request), session).attachTo(request);
            return super.handle(request, response, callback);
        }
        refuse(path, request, response, callback);
        return true;
    }

    private boolean bearer(String authorization, Request request, Response response, Callback callback) throws Exception {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(request, response, callback, "only bearer tokens are accepted",
                    "send 'Authorization: Bearer TOKEN' with a token from the admin UI or 'cohost token create'");
            return true;
        }
        Optional<ApiTokens.TokenInfo> token = tokens.verify(authorization.substring(7).strip());
        if (token.isEmpty()) {
            unauthorized(request, response, callback, "the API token is not valid",
                    "it may have been revoked; create a new one in the admin UI (Tokens) or with 'cohost token create'");
            return true;
        }
        new Caller("token:" + token.get().name(), "api", ClientAddress.of(request), Optional.empty()).attachTo(request);
        return super.handle(request, response, callback);
    }

    private void refuse(String path, Request request, Response response, Callback callback) {
        boolean page = "GET".equals(request.getMethod()) && !path.startsWith("/api/") && !path.equals("/api")
                && !path.equals("/metrics");
        if (page) {
            String query = request.getHttpURI().getQuery();
            String next = path + (query == null ? "" : "?" + query);
            Response.sendRedirect(request, response, callback, HttpStatus.SEE_OTHER_303,
                    "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), true);
            return;
        }
        unauthorized(request, response, callback, "login required",
                "use the admin UI, or send 'Authorization: Bearer TOKEN' (the CLI reads DATA/admin/cli-token)");
    }

    private void unauthorized(Request request, Response response, Callback callback, String error, String detail) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cohost\"");
        json.error(request, response, callback, HttpStatus.UNAUTHORIZED_401, error, detail);
    }

    static boolean isPublic(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && PUBLIC_ASSETS.contains(path)
                || "POST".equals(method) && "/login".equals(path);
    }
}
