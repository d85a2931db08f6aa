package io.cohost.admin.api;

import io.cohost.admin.http.Json;
import io.cohost.kernel.management.HostManagement;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/leaks}: stopped apps whose class loaders survive a garbage collection. It forces a
 * full GC, so it is an operator's diagnostic, not something to poll.
 */
public final class LeaksApiHandler extends JsonApi {
    private final HostManagement management;

    public LeaksApiHandler(HostManagement management, Json json) {
        super(json);
        this.management = management;
    }

    @Override
    boolean serves(String path) {
        return path.equals("/api/leaks");
    }

    @Override
    void route(String path, Request request, Response response, Callback callback) {
        requireMethod(request, "GET");
        json.send(response, callback, 200, Map.of("leaks", management.leaks()));
    }
}
