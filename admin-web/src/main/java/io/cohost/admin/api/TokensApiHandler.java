package io.cohost.admin.api;

import io.cohost.admin.http.AuditNote;
import io.cohost.admin.http.Json;
import io.cohost.admin.http.RequestBodies;
import io.cohost.admin.security.Caller;
import io.cohost.kernel.management.access.ApiTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * API tokens:
 *
 * <pre>
 * GET    /api/tokens        the tokens, never their secrets
 * POST   /api/tokens        body {"name": "prometheus"} -&gt; 201 with the token, shown this once
 * DELETE /api/tokens/{id}   revoke; it stops working with the next request
 * </pre>
 */
public final class TokensApiHandler extends JsonApi {
    private final ApiTokens tokens;
    private final RequestBodies bodies;

    public TokensApiHandler(ApiTokens tokens, RequestBodies bodies, Json json) {
        super(json);
        this.tokens = tokens;
        this.bodies = bodies;
    }

    @Override
    boolean serves(String path) {
        return path.equals("/api/tokens") || path.startsWith("/api/tokens/");
    }

    @Override
    void route(String path, Request request, Response response, Callback callback) {
        if (path.equals("/api/tokens")) {
            switch (request.getMethod()) {
                case "GET" -> json.send(response, callback, 200, Map.of("tokens", tokens.list()));
                case "POST" -> create(request, response, callback);
                default -> throw new MethodNotAllowed("GET, POST");
            }
            return;
        }
        requireMethod(request, "DELETE");
        ApiTokens.TokenInfo revoked = tokens.revoke(path.substring("/api/tokens/".length()));
        AuditNote.detail(request, "token '" + revoked.name() + "'");
        json.send(response, callback, 200, Map.of("revoked", revoked));
    }

    private void create(Request request, Response response, Callback callback) {
        Object name = bodies.jsonObject(request).get("name");
        ApiTokens.IssuedToken issued = tokens.create(name == null ? null : name.toString(), Caller.of(request).who());
        AuditNote.detail(request, "token " + issued.info().id() + " '" + issued.info().name() + "'");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", issued.info().id());
        body.put("name", issued.info().name());
        body.put("createdAt", issued.info().createdAt());
        body.put("createdBy", issued.info().createdBy());
        body.put("token", issued.token());
        json.send(response, callback, 201, body);
    }
}
