package io.cohost.admin.security;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.server.Request;

/**
 * The address a request came from, as the socket says. Forwarding headers are ignored on purpose: the
 * admin connector is meant to be reached directly, and a header would let a client pick its own
 * address to escape the login rate limit.
 */
final class ClientAddress {
    private ClientAddress() {}

    static String of(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(remote);
    }
}
