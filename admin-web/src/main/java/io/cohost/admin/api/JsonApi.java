package io.cohost.admin.api;

import io.cohost.admin.http.Json;
import io.cohost.governor.quota.QuotaException;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON API handler for one group of paths. Turns every failure into an error answer whose status
 * says whose fault it is: {@link ManagementException} by its kind, a quota that cannot be parsed 400,
 * a wrong method 405, anything else 500.
 */
abstract class JsonApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(JsonApi.class);

    protected final Json json;

    JsonApi(Json json) {
        this.json = json;
    }

    /** Whether the path belongs to this handler; others are left to the next one. */
    abstract boolean serves(String path);

    /** The path this handler routes on; by default the path in context, as Jetty normalised it. */
    String path(Request request) {
        return Request.getPathInContext(request);
    }

    abstract void route(String path, Request request, Response response, Callback callback) throws Exception;

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        String path = path(request);
        if (!serves(path)) {
            return false;
        }
        try {
            route(path, request, response, callback);
        } catch (MethodNotAllowed e) {
            response.getHeaders().put(HttpHeader.ALLOW, e.allowed);
            json.error(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    "method " + request.getMethod() + " is not allowed on " + path, "use " + e.allowed);
        } catch (ManagementException e) {
            json.error(request, response, callback, statusOf(e.kind()), e.getMessage(), e.detail());
        } catch (QuotaException e) {
            json.error(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage(), "nothing was changed");
        } catch (Exception e) {
            LOG.warn("admin API {} {} failed", request.getMethod(), path, e);
            json.error(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error: " + e,
                    "see the host's log");
        }
        return true;
    }

    static void requireMethod(Request request, String allowed) {
        if (!allowed.equals(request.getMethod())) {
            throw new MethodNotAllowed(allowed);
        }
    }

    static final class MethodNotAllowed extends RuntimeException {
        final String allowed;

        MethodNotAllowed(String allowed) {
            super(null, null, false, false);
            this.allowed = allowed;
        }
    }

    static int statusOf(Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case START_FAILED -> 422;
            case INTERNAL -> 500;
        };
    }
}
