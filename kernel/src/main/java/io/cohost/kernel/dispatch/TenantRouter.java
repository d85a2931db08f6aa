package io.cohost.kernel.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Maps the first path segment of a request to the tenant that serves it. Swapping a route is one
 * map write, so a redeploy switches from the old version to the new one between two requests.
 * A path whose app exists but is not running answers 503 with the reason, not 404.
 */
public final class TenantRouter extends Handler.Abstract {
    /** What a context path leads to: a live context, or a reason it is unavailable. */
    public sealed interface Route permits Live, Unavailable {}

    public record Live(Handler handler) implements Route {}

    public record Unavailable(String reason) implements Route {}

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    public void route(String contextPath, Route route) {
        routes.put(contextPath, route);
    }

    public void remove(String contextPath) {
        routes.remove(contextPath);
    }

    public Route routeOf(String contextPath) {
        return routes.get(contextPath);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        Route route = routes.get(firstSegment(path));
        if (route == null) {
            route = routes.get("/");
        }
        if (route instanceof Live live) {
            return live.handler().handle(request, response, callback);
        }
        if (route instanceof Unavailable unavailable) {
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, unavailable.reason());
            return true;
        }
        return false;
    }

    static String firstSegment(String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return "/";
        }
        int end = path.indexOf('/', 1);
        return end < 0 ? path : path.substring(0, end);
    }
}
