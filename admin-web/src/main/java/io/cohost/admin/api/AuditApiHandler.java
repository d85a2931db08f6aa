package io.cohost.admin.api;

import io.cohost.admin.http.Json;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.access.AuditLog;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /api/audit?limit=N}: the newest audit entries first (default 200, at most 1000). */
public final class AuditApiHandler extends JsonApi {
    private final AuditLog log;

    public AuditApiHandler(AuditLog log, Json json) {
        super(json);
        this.log = log;
    }

    @Override
    boolean serves(String path) {
        return path.equals("/api/audit");
    }

    @Override
    void route(String path, Request request, Response response, Callback callback) {
        requireMethod(request, "GET");
        String limitText = Request.extractQueryParameters(request).getValue("limit");
        int limit = 200;
        if (limitText != null) {
            try {
                limit = Math.max(1, Math.min(1000, Integer.parseInt(limitText)));
            } catch (NumberFormatException e) {
                throw new ManagementException(ManagementException.Kind.INVALID, "limit '" + limitText + "' is not a number", "use e.g. ?limit=100");
            }
        }
        json.send(response, callback, 200, Map.of("entries", log.recent(limit)));
    }
}
