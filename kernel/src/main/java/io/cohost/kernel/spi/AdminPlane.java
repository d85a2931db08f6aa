package io.cohost.kernel.spi;

import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.HostManagement;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.Handler;

/**
 * What serves the admin connector (the REST API and UI). The kernel does not depend on the module
 * that implements it; the host finds it with {@link java.util.ServiceLoader} when it is on the class path,
 * and serves only {@code /metrics} on the admin connector when none is.
 */
public interface AdminPlane {
    /** Everything an admin plane may use of the host. */
    record Context(HostManagement management, HostConfig config, PrometheusMeterRegistry meters) {}

    Handler createHandler(Context context);
}
