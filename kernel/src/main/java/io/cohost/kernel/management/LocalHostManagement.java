package io.cohost.kernel.management;

import io.cohost.kernel.deploy.Deployer;
import io.cohost.kernel.logs.TenantLogs;
import io.cohost.kernel.tenant.TenantRegistry;
import java.io.InputStream;
import java.util.List;

/** The management API of this host process, over its registry and deployer. */
public final class LocalHostManagement implements HostManagement {
    private final TenantRegistry registry;
    private final Deployer deployer;
    private final TenantLogs logs;

    public LocalHostManagement(TenantRegistry registry, Deployer deployer, TenantLogs logs) {
        this.registry = registry;
        this.deployer = deployer;
        this.logs = logs;
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
    public AppInfo rollback(String name) {
        return registry.rollback(name);
    }

    @Override
    public void undeploy(String name) {
        registry.undeploy(name);
    }

    @Override
    public AppInfo setQuota(String name, java.util.Map<String, String> quota) {
        return registry.setQuota(name, quota);
    }

    @Override
    public AppInfo setAccess(String name, AccessPolicy access) {
        return registry.setAccess(name, access);
    }

    @Override
    public List<String> logs(String name, int lines) {
        app(name);
        try {
            return logs.tail(name, Math.min(Math.max(lines, 0), 10_000));
        } catch (java.io.IOException e) {
            throw new ManagementException(ManagementException.Kind.INTERNAL, "app '" + name + "': cannot read its log: " + e.getMessage(),
                    "check " + logs.file(name));
        }
    }

    @Override
    public List<LeakReport> leaks() {
        return registry.leakWatch().findLeaks();
    }
}
