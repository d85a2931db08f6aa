package io.cohost.kernel.tenant;

import io.cohost.kernel.HostConfig;
import io.cohost.kernel.dispatch.RequestObserver;
import io.cohost.kernel.dispatch.TenantExecutor;
import io.cohost.kernel.dispatch.TenantWebAppContext;
import io.cohost.kernel.state.AppStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;

/** Builds the web context, thread group and executor of one version of one app. */
public final class TenantInstanceFactory {
    private final Server server;
    private final HostConfig config;
    private final AppStore store;
    private final ThreadGroup tenantsGroup = new ThreadGroup("cohost-tenants");
    private final AtomicLong sequence = new AtomicLong();

    public TenantInstanceFactory(Server server, HostConfig config, AppStore store) {
        this.server = server;
        this.config = config;
        this.store = store;
    }

    public TenantInstance create(String tenant, String version, String contextPath, RequestObserver observer) {
        ThreadGroup group = new ThreadGroup(tenantsGroup, "tenant-" + tenant);
        TenantExecutor executor = new TenantExecutor(tenant, group, config.tenantMaxThreads(), config.tenantIdleKeepAlive());
        TenantWebAppContext context = new TenantWebAppContext(executor);
        context.setDisplayName(tenant);
        context.setContextPath(contextPath);
        context.setWar(store.warPath(tenant, version).toString());
        context.setServer(server);
        context.setThrowUnavailableOnStartupException(true);
        context.setRequestObserver(observer);
        Path unpackDir = store.tmpDir().resolve("webapps").resolve(tenant + "-" + sequence.incrementAndGet());
        try {
            Files.createDirectories(unpackDir);
        } catch (IOException e) {
            throw new UncheckedIOException("tenant '" + tenant + "': cannot create " + unpackDir, e);
        }
        context.setTempDirectory(unpackDir.toFile());
        context.setTempDirectoryPersistent(false);
        return new TenantInstance(tenant, version, contextPath, context, unpackDir);
    }
}
