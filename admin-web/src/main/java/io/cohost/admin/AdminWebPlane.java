package io.cohost.admin;

import io.cohost.admin.api.AppsApiHandler;
import io.cohost.admin.api.Json;
import io.cohost.admin.api.LeaksApiHandler;
import io.cohost.admin.api.MetricsEndpoint;
import io.cohost.kernel.spi.AdminPlane;
import org.eclipse.jetty.server.Handler;

/** The admin plane this module provides, found by the host through {@link java.util.ServiceLoader}. */
public final class AdminWebPlane implements AdminPlane {
    @Override
    public Handler createHandler(Context context) {
        Json json = new Json();
        return new Handler.Sequence(
                new AppsApiHandler(context.management(), json,
                        context.config().dataDir().toAbsolutePath().resolve("tmp").resolve("uploads"), context.config().maxUploadBytes()),
                new LeaksApiHandler(context.management(), json),
                new MetricsEndpoint(context.meters()));
    }
}
