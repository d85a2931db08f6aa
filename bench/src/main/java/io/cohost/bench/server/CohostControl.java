package io.cohost.bench.server;

import io.cohost.governor.GovernedTenant;
import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.dispatch.TenantThreadGroup;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.tenant.TenantInstance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place the benchmarks drive Cohost: its Java API ({@link Host}, {@code host.management()}),
 * in the process that runs the host. Everything else talks to this class (through
 * {@link CohostServer}'s commands), so when the admin API gains authentication nothing here changes;
 * a harness that must go through REST or the CLI instead would add its token here and only here.
 */
public final class CohostControl implements AutoCloseable {
    private final Host host;

    private CohostControl(Host host) {
        this.host = host;
    }

    /**
     * A host with the product's defaults except its ports (the given tenant port, 0 for any free one; a free
     * admin port) and its data directory. The benchmarks only ever send it traffic over loopback.
     */
    public static CohostControl start(Path dataDir, int tenantPort) throws Exception {
        Host host = Host.create(HostConfig.ephemeral(dataDir).withPorts(tenantPort, 0));
        host.start();
        return new CohostControl(host);
    }

    public int tenantPort() {
        return host.tenantUri().getPort();
    }

    /** Deploys (or redeploys) an app from a WAR file, with these quotas ({@code cpu -> 250m}). */
    public AppInfo deploy(String name, Path war, Map<String, String> quota) throws IOException {
        try (InputStream in = Files.newInputStream(war)) {
            return host.management().deploy(name, in, DeployRequest.defaults().withQuota(quota));
        }
    }

    public AppInfo stop(String name) {
        return host.management().stop(name);
    }

    public AppInfo start(String name) {
        return host.management().start(name);
    }

    public void undeploy(String name) {
        host.management().undeploy(name);
    }

    public AppInfo setQuota(String name, Map<String, String> quota) {
        return host.management().setQuota(name, quota);
    }

    /** The app's lifecycle state and its detail ({@code KILLED}, {@code memory: retained=...}). */
    public AppInfo app(String name) {
        return host.management().app(name);
    }

    /** The last lines of the app's own log. */
    public List<String> logs(String name, int lines) {
        return host.management().logs(name, lines);
    }

    /** Stopped apps whose class loaders survived a garbage collection (what GET /api/leaks reports). */
    public int leaks() {
        return host.management().leaks().size();
    }

    /** The governor's view of a running app. */
    public GovernedTenant governed(String name) {
        return instance(name).governed();
    }

    /** Every live thread of a running app: its request workers and the threads its code started. */
    public List<Thread> threadsOf(String name) {
        ThreadGroup group = instance(name).executor().threadGroup();
        Thread[] buffer = new Thread[group.activeCount() + 32];
        int n = group.enumerate(buffer, true);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(buffer[i]);
        }
        return threads;
    }

    /** Live threads in any tenant's thread group: what idle tenants hold. */
    public static int allTenantThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
                if (g instanceof TenantThreadGroup) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private TenantInstance instance(String name) {
        return host.registry().runningInstance(name)
                .orElseThrow(() -> new IllegalStateException("app '" + name + "' is not running"));
    }

    @Override
    public void close() throws Exception {
        host.stop();
    }
}
