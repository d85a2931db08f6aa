package io.cohost.admin.api;

import io.cohost.kernel.management.HostManagement;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/leaks}: stopped apps whose class loaders survive a garbage collection. It forces a
 * full GC, so it is an operator's diagnostic, not something to poll.
 */
public final class LeaksApiHandler extends Handler.Abstract {
    private final HostManagement management;
    private final Json json;

    public LeaksApiHandler(HostManagement management, Json json) {
        this.management = management;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"/api/leaks".equals(Request.getPathInContext(request)) || !"GET".equals(request.getMethod())) {
            return false;
        }
        json.send(response, callback, 200, Map.of("leaks", management.leaks()));
        return true;
    }
}
