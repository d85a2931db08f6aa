package io.cohost.kernel.sandbox;

import io.cohost.kernel.management.AccessPolicy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Where an app may connect: its access policy's {@link AccessPolicy.Destination destinations}, checked
 * against every outbound connection its threads make (sockets, channels, HTTP clients). A host pattern
 * matches the name the app resolved, when the connection was made by name, or the address itself;
 * nothing is resolved here.
 */
public final class NetworkRules {
    private final String tenant;
    private final List<String> patterns;
    private final List<AccessPolicy.Destination> allowed;

    public NetworkRules(String tenant, List<String> patterns) {
        this.tenant = tenant;
        this.patterns = List.copyOf(patterns);
        this.allowed = patterns.stream().map(AccessPolicy.Destination::parse).toList();
    }

    /** Refuses a connection no pattern allows, naming the destination and the allowed ones. */
    public void check(InetAddress address, int port) throws ConnectException {
        // "name/1.2.3.4" when made by name, "/1.2.3.4" otherwise: no reverse lookup
        String text = address.toString();
        int slash = text.indexOf('/');
        String name = slash > 0 ? text.substring(0, slash).toLowerCase(Locale.ROOT) : null;
        String ip = address.getHostAddress();
        for (AccessPolicy.Destination d : allowed) {
            if (d.matches(name, ip, port)) {
                return;
            }
        }
        throw new ConnectException("app '" + tenant + "' may not connect to " + (name == null ? ip : name + " (" + ip + ")")
                + ":" + port + ": not in its network allow-list " + patterns
                + "; add the destination to 'network' in the app's access policy");
    }

    @Override
    public String toString() {
        return "NetworkRules" + patterns;
    }
}
