package io.cohost.kernel;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.cohost.governor.Governor;
import io.cohost.kernel.deploy.Deployer;
import io.cohost.kernel.dispatch.TenantRouter;
import io.cohost.kernel.logs.TenantLogs;
import io.cohost.kernel.management.HostManagement;
import io.cohost.kernel.management.LocalHostManagement;
import io.cohost.kernel.state.AppStore;
import io.cohost.kernel.tenant.TenantInstanceFactory;
import io.cohost.kernel.tenant.TenantRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/** Wires the host's components. Providers only construct; nothing here starts or binds anything. */
final class HostModule extends AbstractModule {
    private final HostConfig config;

    HostModule(HostConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(HostConfig.class).toInstance(config);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(MeterRegistry.class).to(PrometheusMeterRegistry.class);
        bind(HostManagement.class).to(LocalHostManagement.class);
        bind(Host.class);
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry meterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    @Provides
    @Singleton
    Server server() {
        QueuedThreadPool pool = new QueuedThreadPool(200, 4, 60_000, -1, null, HostThreads.group(), HostThreads.jettyFactory());
        pool.setName("cohost-http");
        Server server = new Server(pool, new ScheduledExecutorScheduler("cohost-scheduler", true,
                HostThreads.class.getClassLoader(), HostThreads.group()), null);
        server.setStopTimeout(5_000);
        // Jetty's container-jar caches (TLDs, web fragments, META-INF/resources) are keyed by a Resource that
        // each scan mounts afresh, so no deploy ever hits an entry and every deploy adds one per container jar,
        // holding its closed zip file system (~120 KiB) for the life of the server. Scanning uncached costs the same.
        server.setAttribute(MetaInfConfiguration.USE_CONTAINER_METAINF_CACHE, false);
        return server;
    }

    @Provides
    @Singleton
    AppStore appStore(HostConfig config) {
        return new AppStore(config.dataDir());
    }

    @Provides
    @Singleton
    TenantRouter router() {
        return new TenantRouter();
    }

    @Provides
    @Singleton
    TenantInstanceFactory instanceFactory(Server server, HostConfig config, AppStore store, TenantLogs logs, Governor governor) {
        return new TenantInstanceFactory(server, config, store, logs, governor);
    }

    @Provides
    @Singleton
    Governor governor(HostConfig config, MeterRegistry meters) {
        return new Governor(config.governor(), meters);
    }

    @Provides
    @Singleton
    TenantLogs tenantLogs(AppStore store) {
        return new TenantLogs(store.logsDir());
    }

    @Provides
    @Singleton
    TenantRegistry registry(AppStore store, TenantRouter router, TenantInstanceFactory factory, MeterRegistry meters, Clock clock,
            Governor governor) {
        return new TenantRegistry(store, router, factory, meters, clock, config.restartPolicy(), config.governor(),
                governor::fileHandlesMetered);
    }

    @Provides
    @Singleton
    Deployer deployer(TenantRegistry registry, AppStore store, HostConfig config) {
        return new Deployer(registry, store, config);
    }

    @Provides
    @Singleton
    LocalHostManagement management(TenantRegistry registry, Deployer deployer, TenantLogs logs) {
        return new LocalHostManagement(registry, deployer, logs);
    }
}
