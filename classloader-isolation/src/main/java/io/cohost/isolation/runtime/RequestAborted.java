package io.cohost.isolation.runtime;

import org.eclipse.jetty.http.HttpException;

/**
 * Unwinds one request (not the whole tenant), for example one that used more CPU than its
 * {@code requestCpu} limit. The container answers 503 with this message; the thread goes back to serving.
 */
public final class RequestAborted extends TenantTerminated implements HttpException {
    public RequestAborted(String message) {
        super(message);
    }

    @Override
    public int getCode() {
        return 503;
    }

    @Override
    public String getReason() {
        return getMessage();
    }
}
