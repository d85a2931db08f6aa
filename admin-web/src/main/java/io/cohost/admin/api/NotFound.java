package io.cohost.admin.api;

import io.cohost.admin.http.Json;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The last handler: a 404 of our own, so even it carries the admin plane's security headers. */
public final class NotFound extends Handler.Abstract.NonBlocking {
    private final Json json;

    public NotFound(Json json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        json.error(request, response, callback, 404, "no such path: " + Request.getPathInContext(request),
                "the admin UI is at /, the API at /api/apps");
        return true;
    }
}
