package io.cohost.kernel.management;

import io.cohost.kernel.deploy.Deployer;
import io.cohost.kernel.tenant.TenantRegistry;
import java.io.InputStream;
import java.util.List;

/** The management API of this host process, over its registry and deployer. */
public final class LocalHostManagement implements HostManagement {
    private final TenantRegistry registry;
    private final Deployer deployer;

    public LocalHostManagement(TenantRegistry registry, Deployer deployer) {
        this.registry = registry;
        this.deployer = deployer;
    }

    @Override
    public List<AppInfo> apps() {
        return registry.list();
    }

    @Override
    public AppInfo app(String name) {
        return registry.find(name).orElseThrow(() -> new ManagementException(ManagementException.Kind.NOT_FOUND,
                "no app named '" + name + "'", "list the apps with GET /api/apps"));
    }

    @Override
    public AppInfo deploy(String name, InputStream war, DeployRequest request) {
        return deployer.deploy(name, war, request);
    }

    @Override
    public AppInfo start(String name) {
        return registry.start(name);
    }

    @Override
    public AppInfo stop(String name) {
        return registry.stop(name);
    }

    @Override
    public AppInfo restart(String name) {
        return registry.restart(name);
    }

    @Override
    public void undeploy(String name) {
        registry.undeploy(name);
    }
}
