package io.cohost.kernel.dispatch;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Sees each request to a tenant begin, and wraps its callback to see it end (metrics, accounting). */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (request, response, callback) -> callback;

    Callback begin(Request request, Response response, Callback callback);
}
