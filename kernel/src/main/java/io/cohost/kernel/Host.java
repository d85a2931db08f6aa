package io.cohost.kernel;

import com.google.inject.Guice;
import com.google.inject.Inject;
import io.cohost.governor.Governor;
import io.cohost.kernel.deploy.DropInWatcher;
import io.cohost.kernel.dispatch.TenantRouter;
import io.cohost.kernel.logs.TenantOutputRouter;
import io.cohost.kernel.management.HostManagement;
import io.cohost.kernel.sandbox.DescriptorAgentLink;
import io.cohost.kernel.spi.AdminPlane;
import io.cohost.kernel.spi.MetricsHandler;
import io.cohost.kernel.state.AppStore;
import io.cohost.kernel.tenant.TenantRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cohost host: one Jetty server with a tenant connector and an admin connector, the tenant
 * registry, the drop-in directory and the metrics registry.
 *
 * <pre>
 *  :8080 "tenants" ─► ConnectorGate ─► TenantRouter ─► /NAME ─► TenantWebAppContext (tenant threads)
 *  :9090 "admin"   ─► ConnectorGate ─► AdminPlane (access control ─► REST API, UI, /metrics) ─► HostManagement
 * </pre>
 *
 * Tenants and the admin plane never share a connector, so no context path a tenant takes can shadow
 * {@code /api}, {@code /metrics} or the UI.
 *
 * The admin connector has its own small thread pool, so a flood of tenant traffic cannot starve it.
 * Start order: data directory recovery, server (ports bound), apps restored, drop-in watcher;
 * stop runs in reverse and stops every part even when one fails.
 */
public final class Host extends ContainerLifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    public static final String TENANT_CONNECTOR = "tenants";
    public static final String ADMIN_CONNECTOR = "admin";

    private final HostConfig config;
    private final Server server;
    private final AppStore store;
    private final TenantRegistry registry;
    private final HostManagement management;
    private final PrometheusMeterRegistry meters;
    private final DropInWatcher dropIn;
    private final Governor governor;
    private final ServerConnector tenantConnector;
    private final ServerConnector adminConnector;

    @Inject
    Host(HostConfig config, Server server, AppStore store, TenantRegistry registry, TenantRouter router,
            HostManagement management, PrometheusMeterRegistry meters, Governor governor) {
        this.governor = governor;
        this.config = config;
        this.server = server;
        this.store = store;
        this.registry = registry;
        this.management = management;
        this.meters = meters;
        this.dropIn = new DropInWatcher(store.dropInDir(), management, config.dropInScanInterval());

        tenantConnector = new ServerConnector(server);
        tenantConnector.setName(TENANT_CONNECTOR);
        tenantConnector.setHost(config.tenantHost());
        tenantConnector.setPort(config.tenantPort());

        QueuedThreadPool adminPool = new QueuedThreadPool(16, 2, 60_000, -1, null, HostThreads.group(), HostThreads.jettyFactory());
        adminPool.setName("cohost-admin");
        adminConnector = new ServerConnector(server, adminPool, null, null, 1, 1,
                new org.eclipse.jetty.server.HttpConnectionFactory());
        adminConnector.setName(ADMIN_CONNECTOR);
        adminConnector.setHost(config.adminHost());
        adminConnector.setPort(config.adminPort());
        server.addBean(adminPool);
        server.setConnectors(new org.eclipse.jetty.server.Connector[] {tenantConnector, adminConnector});

        server.setHandler(new Handler.Sequence(
                new ConnectorGate(TENANT_CONNECTOR, router),
                new ConnectorGate(ADMIN_CONNECTOR, adminHandler())));
    }

    /** Creates a host from its configuration; nothing is bound until {@link #start()}. */
    public static Host create(HostConfig config) {
        return Guice.createInjector(new HostModule(config)).getInstance(Host.class);
    }

    /** The admin plane when there is one (it serves /metrics behind its access control), else /metrics alone. */
    private Handler adminHandler() {
        List<Handler> handlers = new ArrayList<>();
        AdminPlane.Context context = new AdminPlane.Context(management, config, meters, this::tenantUri);
        for (AdminPlane plane : ServiceLoader.load(AdminPlane.class, Host.class.getClassLoader())) {
            handlers.add(plane.createHandler(context));
        }
        if (handlers.isEmpty()) {
            handlers.add(new MetricsHandler(meters));
        }
        return new Handler.Sequence(handlers);
    }

    @Override
    protected void doStart() throws Exception {
        store.recover();
        TenantOutputRouter.install();
        DescriptorAgentLink.start(governor);
        governor.start(HostThreads.factory("cohost-governor"));
        server.start();
        LOG.info("tenants at {}, admin at {}, data in {}", tenantUri(), adminUri(), store.root());
        registry.restore();
        dropIn.scan();
        dropIn.start();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        runCollecting(failures, dropIn::close);
        runCollecting(failures, registry::stopAll);
        runCollecting(failures, server::stop);
        runCollecting(failures, governor::close);
        runCollecting(failures, super::doStop);
        if (!failures.isEmpty()) {
            Exception e = new Exception("host stopped with " + failures.size() + " failure(s)");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void runCollecting(List<Throwable> failures, Step step) {
        try {
            step.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    public HostManagement management() {
        return management;
    }

    public TenantRegistry registry() {
        return registry;
    }

    public HostConfig config() {
        return config;
    }

    public AppStore store() {
        return store;
    }

    public DropInWatcher dropIn() {
        return dropIn;
    }

    public Governor governor() {
        return governor;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public URI tenantUri() {
        return URI.create("http://" + displayHost(config.tenantHost()) + ":" + tenantConnector.getLocalPort());
    }

    public URI adminUri() {
        return URI.create("http://" + displayHost(config.adminHost()) + ":" + adminConnector.getLocalPort());
    }

    private static String displayHost(String host) {
        return host == null || host.isEmpty() || "0.0.0.0".equals(host) ? "127.0.0.1" : host;
    }
}
