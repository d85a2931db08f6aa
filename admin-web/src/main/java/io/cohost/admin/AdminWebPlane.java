package io.cohost.admin;

import io.cohost.admin.api.AppsApiHandler;
import io.cohost.admin.api.AuditApiHandler;
import io.cohost.admin.api.HostApiHandler;
import io.cohost.admin.api.LeaksApiHandler;
import io.cohost.admin.api.NotFound;
import io.cohost.admin.api.TokensApiHandler;
import io.cohost.admin.figures.FigureSampler;
import io.cohost.admin.http.Json;
import io.cohost.admin.http.RequestBodies;
import io.cohost.admin.security.AccessBootstrap;
import io.cohost.admin.security.AccessGuard;
import io.cohost.admin.security.AuditTrail;
import io.cohost.admin.security.LoginThrottle;
import io.cohost.admin.security.RequestSizeLimit;
import io.cohost.admin.security.SecurityHeaders;
import io.cohost.admin.security.SessionEndpoints;
import io.cohost.admin.security.SessionStore;
import io.cohost.admin.ui.UiResources;
import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.ApiTokens;
import io.cohost.kernel.management.access.AuditLog;
import io.cohost.kernel.spi.AdminPlane;
import io.cohost.kernel.spi.MetricsHandler;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jetty.server.Handler;

/**
 * The admin plane this module provides, found by the host through {@link java.util.ServiceLoader}.
 * Every request passes the same chain, outermost first:
 *
 * <pre>
 * SecurityHeaders   CSP, nosniff, no framing, no caching: on every answer
 * AuditTrail        every state-changing request is written to the audit log, refused ones too
 * AccessGuard       bearer token or browser session (+ CSRF check); else 401, or a redirect to /login
 * RequestSizeLimit  413 for a body over the limit, before it is read
 * routes            /login /logout /api/session, /api/apps/**, /api/host, /api/figures, /api/tokens/**,
 *                   /api/audit, /api/leaks, /metrics, the UI's pages and assets, else 404
 * </pre>
 */
public final class AdminWebPlane implements AdminPlane {
    private final AdminSettings settings;

    public AdminWebPlane() {
        this(AdminSettings.defaults());
    }

    public AdminWebPlane(AdminSettings settings) {
        this.settings = settings;
    }

    @Override
    public Handler createHandler(Context context) {
        Clock clock = Clock.systemUTC();
        Path data = context.config().dataDir();
        Json json = new Json();
        RequestBodies bodies = new RequestBodies(settings.maxJsonBodyBytes(), json.mapper());
        AdminCredentials credentials = AdminCredentials.in(data);
        ApiTokens tokens = ApiTokens.in(data);
        AuditLog audit = AuditLog.in(data);
        SessionStore sessions = new SessionStore(settings.sessionIdleTimeout(), settings.sessionMaxAge(),
                settings.maxSessions(), clock);
        LoginThrottle throttle = new LoginThrottle(settings.loginFailuresAllowed(), settings.loginFailureWindow(), clock);
        FigureSampler figures = new FigureSampler(context.management(), context.meters(), settings.figureInterval(),
                settings.figureWindow(), clock);

        Handler routes = new Handler.Sequence(
                new SessionEndpoints(credentials, sessions, throttle, bodies, json),
                new AppsApiHandler(context.management(), bodies, figures, json,
                        data.toAbsolutePath().resolve("tmp").resolve("uploads"), context.config().maxUploadBytes()),
                new HostApiHandler(figures, context.config(), context.tenantUri(), json),
                new TokensApiHandler(tokens, bodies, json),
                new AuditApiHandler(audit, json),
                new LeaksApiHandler(context.management(), json),
                new MetricsHandler(context.meters()),
                new UiResources(),
                new NotFound(json));
        Handler chain = new SecurityHeaders(
                new AuditTrail(audit, clock,
                        new AccessGuard(sessions, tokens, credentials, json,
                                new RequestSizeLimit(context.config().maxUploadBytes(), settings.maxJsonBodyBytes(), json,
                                        routes))));
        return new AdminPlaneHandler(chain, () -> AccessBootstrap.run(data, credentials, tokens, audit, System.out), figures);
    }
}
