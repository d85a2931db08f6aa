package io.cohost.kernel.management;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an app may reach beyond its own files: extra paths, network destinations, processes. By
 * default it reads and writes only under its work directory and reads its WAR; may connect anywhere;
 * may not start processes. As JSON ({@code PUT /api/apps/NAME/access}, the app's record) or as the
 * {@code access} field of its operator descriptor:
 *
 * <pre>{@code
 * {
 *   "paths":     { "/srv/shared/catalog": "read", "/var/cache/shop": "read-write" },
 *   "network":   [ "db.internal:5432", "*.example.com:443", "10.0.0.7:8000-8100" ],   // default ["*"]: anywhere
 *   "processes": false
 * }
 * }</pre>
 *
 * @param paths     absolute paths granted to the app, each {@code read} or {@code read-write}; a directory
 *                  grants everything under it
 * @param network   outbound connections allowed, as {@link Destination} patterns; {@code ["*"]} (the default)
 *                  allows every destination, an empty list none
 * @param processes whether the app may start processes ({@code ProcessBuilder}, {@code Runtime.exec}); default false
 */
public record AccessPolicy(Map<String, String> paths, List<String> network, boolean processes) {
    public static final String READ = "read";
    public static final String READ_WRITE = "read-write";
    public static final List<String> ANYWHERE = List.of("*");

    public AccessPolicy {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : (paths == null ? Map.<String, String>of() : paths).entrySet()) {
            String mode = e.getValue() == null ? "" : e.getValue().trim().toLowerCase(Locale.ROOT);
            if (!mode.equals(READ) && !mode.equals(READ_WRITE)) {
                throw new IllegalArgumentException("path '" + e.getKey() + "': access '" + e.getValue()
                        + "' is not one of 'read', 'read-write'");
            }
            if (!Path.of(e.getKey()).isAbsolute()) {
                throw new IllegalArgumentException("path '" + e.getKey() + "' must be absolute, e.g. /srv/shared/catalog");
            }
            checked.put(Path.of(e.getKey()).normalize().toString(), mode);
        }
        paths = Map.copyOf(checked);
        network = List.copyOf(network == null ? ANYWHERE : network);
        network.forEach(Destination::parse);
    }

    public static AccessPolicy defaults() {
        return new AccessPolicy(Map.of(), ANYWHERE, false);
    }

    public AccessPolicy withPath(String path, String mode) {
        Map<String, String> p = new LinkedHashMap<>(paths);
        p.put(path, mode);
        return new AccessPolicy(p, network, processes);
    }

    public AccessPolicy withNetwork(List<String> patterns) {
        return new AccessPolicy(paths, patterns, processes);
    }

    public AccessPolicy withProcesses(boolean allowed) {
        return new AccessPolicy(paths, network, allowed);
    }

    /**
     * One allowed destination:
     *
     * <pre>
     *   *                      anywhere (the default)
     *   db.internal:5432       one host name (as the app named it) or IP address, one port
     *   *.example.com:443      any host under example.com
     *   10.0.0.7:8000-8100     a port range;  [::1]:*  any port of an IPv6 address
     * </pre>
     *
     * @param host a name, an address in the JDK's form, {@code *.DOMAIN} or {@code *}
     */
    public record Destination(String host, int fromPort, int toPort) {
        /** Whether a connection to {@code port} of the host named {@code name} (null if made by address) at {@code address} matches. */
        public boolean matches(String name, String address, int port) {
            if (port < fromPort || port > toPort) {
                return false;
            }
            if (host.equals("*")) {
                return true;
            }
            if (host.startsWith("*.")) {
                return name != null && name.endsWith(host.substring(1));
            }
            return host.equals(address) || host.equals(name);
        }

        public static Destination parse(String pattern) {
            String p = pattern == null ? "" : pattern.trim().toLowerCase(Locale.ROOT);
            if (p.equals("*")) {
                return new Destination("*", 0, 65535);
            }
            int colon = p.lastIndexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw invalid(pattern);
            }
            String host = p.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            // IPv6 literals compare in the JDK's form (::1 is 0:0:0:0:0:0:0:1); nothing is resolved
            if (host.contains(":")) {
                try {
                    host = InetAddress.getByName(host).getHostAddress();
                } catch (UnknownHostException e) {
                    throw invalid(pattern);
                }
            }
            String port = p.substring(colon + 1);
            if (port.equals("*")) {
                return new Destination(host, 0, 65535);
            }
            try {
                int dash = port.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? port : port.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(port.substring(dash + 1));
                if (from < 0 || to > 65535 || from > to) {
                    throw invalid(pattern);
                }
                return new Destination(host, from, to);
            } catch (NumberFormatException e) {
                throw invalid(pattern);
            }
        }

        private static IllegalArgumentException invalid(String pattern) {
            return new IllegalArgumentException("invalid network pattern '" + pattern + "': use '*', 'HOST:PORT', '*.DOMAIN:PORT',"
                    + " 'HOST:*' or 'HOST:FROM-TO', e.g. 'db.internal:5432'");
        }
    }
}
