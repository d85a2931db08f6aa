package io.cohost.kernel.dispatch;

import org.eclipse.jetty.ee10.servlet.ServletChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Components;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Attributes;

/**
 * Jetty keeps the last {@link ServletChannel} of each HTTP/1.1 connection in the connection's cache, to
 * reuse it for the next request to the same context. On an idle keep-alive connection whose last request
 * went to a tenant, that channel keeps the tenant's context, and so its class loader and every class
 * it loaded, reachable after the tenant stopped, until the client closes the connection or it times
 * out. Once a tenant's context has stopped, its channels are dropped from every connection's cache.
 */
public final class ConnectionChannelCache {
    private static final String KEY = ServletChannel.class.getName();

    private ConnectionChannelCache() {}

    /** Drops the cached channels of {@code context}; returns how many connections held one. */
    public static int forget(ServletContextHandler context) {
        Server server = context.getServer();
        if (server == null) {
            return 0;
        }
        int dropped = 0;
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                Connection connection = endPoint.getConnection();
                if (connection instanceof HttpConnection http && http.getHttpChannel() instanceof Components components) {
                    Attributes cache = components.getCache();
                    // remove only if it is still this context's: the connection may have moved on to another app
                    if (cache.getAttribute(KEY) instanceof ServletChannel channel && channel.getServletContextHandler() == context
                            && cache.removeAttribute(KEY) != null) {
                        dropped++;
                    }
                }
            }
        }
        return dropped;
    }
}
