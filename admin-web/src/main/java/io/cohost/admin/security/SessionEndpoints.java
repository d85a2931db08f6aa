package io.cohost.admin.security;

import io.cohost.admin.http.AuditNote;
import io.cohost.admin.http.Json;
import io.cohost.admin.http.RequestBodies;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.AuditEntry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Logging in and out of the admin UI:
 *
 * <pre>
 * POST /login          form username, password  -&gt; 200 {user, csrfToken} + session cookie | 401 | 429 | 403
 * POST /logout         (session + CSRF token)   -&gt; 200, session ended, cookie cleared
 * GET  /api/session    who is asking; for a browser session also its CSRF token
 * </pre>
 */
public final class SessionEndpoints extends Handler.Abstract {
    private final AdminCredentials credentials;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final RequestBodies bodies;
    private final Json json;

    public SessionEndpoints(AdminCredentials credentials, SessionStore sessions, LoginThrottle throttle,
            RequestBodies bodies, Json json) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.throttle = throttle;
        this.bodies = bodies;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            if (path.equals("/login") && method.equals("POST")) {
                login(request, response, callback);
            } else if (path.equals("/logout") && method.equals("POST")) {
                logout(request, response, callback);
            } else if (path.equals("/api/session") && method.equals("GET")) {
                session(request, response, callback);
            } else {
                return false;
            }
        } catch (ManagementException e) {
            json.error(request, response, callback, e.kind() == ManagementException.Kind.TOO_LARGE ? 413 : 400,
                    e.getMessage(), e.detail());
        }
        return true;
    }

    private void login(Request request, Response response, Callback callback) {
        Optional<String> crossOrigin = CsrfGuard.crossOrigin(request);
        if (crossOrigin.isPresent()) {
            json.error(request, response, callback, HttpStatus.FORBIDDEN_403, "refused: " + crossOrigin.get(),
                    "log in from the admin UI's own login page");
            return;
        }
        String address = ClientAddress.of(request);
        Optional<Duration> locked = throttle.lockedFor(address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
            json.error(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                    "too many failed logins from " + address, "try again in " + seconds + " s");
            return;
        }
        Fields form = bodies.form(request);
        String user = Optional.ofNullable(form.getValue("username")).orElse("");
        String password = Optional.ofNullable(form.getValue("password")).orElse("");
        AuditNote.who(request, user.length() > 64 ? user.substring(0, 64) : user);
        if (!credentials.verify(user, password.toCharArray())) {
            throttle.failed(address);
            AuditNote.result(request, AuditEntry.FAILED);
            json.error(request, response, callback, HttpStatus.UNAUTHORIZED_401, "wrong user name or password",
                    "forgot the password? run 'cohost admin reset-password --data DIR' on the host");
            return;
        }
        throttle.succeeded(address);
        SessionStore.Session session = sessions.open(user, credentials.fingerprint());
        SessionCookie.set(request, response, session.id());
        json.send(response, callback, 200, Map.of("user", user, "csrfToken", session.csrfToken()));
    }

    private void logout(Request request, Response response, Callback callback) {
        Caller caller = Caller.of(request);
        if (caller.session().isEmpty()) {
            json.error(request, response, callback, HttpStatus.BAD_REQUEST_400, "there is no browser session to end",
                    "API tokens have no session; revoke the token instead");
            return;
        }
        sessions.close(caller.session().get().id());
        SessionCookie.clear(request, response);
        json.send(response, callback, 200, Map.of("loggedOut", true));
    }

    private void session(Request request, Response response, Callback callback) {
        Caller caller = Caller.of(request);
        json.send(response, callback, 200, Map.of(
                "user", caller.who(),
                "via", caller.via(),
                "csrfToken", caller.session().map(SessionStore.Session::csrfToken).orElse(""),
                "idleTimeoutSeconds", sessions.idleTimeout().toSeconds()));
    }
}
