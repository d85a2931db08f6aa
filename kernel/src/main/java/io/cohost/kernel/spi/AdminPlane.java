package io.cohost.kernel.spi;

import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.HostManagement;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;

/**
 * What serves the admin connector (the REST API, the UI, {@code /metrics}). The kernel does not depend
 * on the module that implements it; the host finds it with {@link java.util.ServiceLoader} when it is on
 * the class path. The plane owns the whole admin connector, {@code /metrics} included, so its access
 * control covers everything there. When no plane is on the class path the host serves only
 * {@code /metrics}, without access control, on the admin connector's (loopback by default) address.
 */
public interface AdminPlane {
    /**
     * Everything an admin plane may use of the host.
     *
     * @param management the one path to the apps
     * @param config     the host's settings (data directory, upload limit)
     * @param meters     the host's meters: for {@code /metrics} and the live figures
     * @param tenantUri  where the apps are served; known once the host has bound its ports
     */
    record Context(HostManagement management, HostConfig config, PrometheusMeterRegistry meters,
            Supplier<URI> tenantUri) {}

    Handler createHandler(Context context);
}
