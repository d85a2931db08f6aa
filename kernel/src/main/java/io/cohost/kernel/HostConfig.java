package io.cohost.kernel;

import io.cohost.governor.GovernorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Host-wide settings, each with its default and unit in its name.
 *
 * @param tenantHost          interface of the tenant connector (default all interfaces)
 * @param tenantPort          port of the tenant connector (default 8080; 0 picks a free one)
 * @param adminHost           interface of the admin connector (default 127.0.0.1: the admin plane
 *                            is not reachable from other machines unless asked for)
 * @param adminPort           port of the admin connector (default 9090; 0 picks a free one)
 * @param dataDir             the data directory (default ./data)
 * @param maxUploadBytes      largest WAR accepted (default 256 MiB)
 * @param maxUnpackedBytes    largest total size a WAR may inflate to (default 1 GiB)
 * @param maxWarEntries       most entries a WAR may have (default 65,536)
 * @param tenantMaxThreads    most request threads one tenant's pool may hold (default 200)
 * @param tenantIdleKeepAlive how long an idle tenant thread waits for work before it ends (default 10 s)
 * @param dropInScanInterval  how often the drop-in directory is scanned (default 1 s)
 * @param governor            quotas defaults, escalation ladders, host budgets (default: no limits)
 * @param restartPolicy       what happens after the host kills an app (default: it stays KILLED)
 */
public record HostConfig(String tenantHost, int tenantPort, String adminHost, int adminPort, Path dataDir,
        long maxUploadBytes, long maxUnpackedBytes, int maxWarEntries, int tenantMaxThreads,
        Duration tenantIdleKeepAlive, Duration dropInScanInterval, GovernorSettings governor,
        io.cohost.kernel.tenant.RestartPolicy restartPolicy) {

    public HostConfig {
        Objects.requireNonNull(tenantHost, "tenantHost");
        Objects.requireNonNull(adminHost, "adminHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(governor, "governor");
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        requirePort("tenantPort", tenantPort);
        requirePort("adminPort", adminPort);
        if (maxUploadBytes <= 0 || maxUnpackedBytes <= 0 || maxWarEntries <= 0 || tenantMaxThreads <= 0) {
            throw new IllegalArgumentException("upload limits and tenantMaxThreads must be positive");
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) to 65535, was " + port);
        }
    }

    public static HostConfig defaults() {
        return new HostConfig("0.0.0.0", 8080, "127.0.0.1", 9090, Path.of("data"),
                256L << 20, 1L << 30, 65_536, 200, Duration.ofSeconds(10), Duration.ofSeconds(1), GovernorSettings.standard(),
                io.cohost.kernel.tenant.RestartPolicy.manual());
    }

    /** Defaults with free ports and the given data directory: what tests start. */
    public static HostConfig ephemeral(Path dataDir) {
        return defaults().withPorts(0, 0).withDataDir(dataDir);
    }

    public HostConfig withPorts(int tenant, int admin) {
        return new HostConfig(tenantHost, tenant, adminHost, admin, dataDir, maxUploadBytes, maxUnpackedBytes,
                maxWarEntries, tenantMaxThreads, tenantIdleKeepAlive, dropInScanInterval, governor, restartPolicy);
    }

    public HostConfig withAdminHost(String host) {
        return new HostConfig(tenantHost, tenantPort, host, adminPort, dataDir, maxUploadBytes, maxUnpackedBytes,
                maxWarEntries, tenantMaxThreads, tenantIdleKeepAlive, dropInScanInterval, governor, restartPolicy);
    }

    public HostConfig withDataDir(Path dir) {
        return new HostConfig(tenantHost, tenantPort, adminHost, adminPort, dir, maxUploadBytes, maxUnpackedBytes,
                maxWarEntries, tenantMaxThreads, tenantIdleKeepAlive, dropInScanInterval, governor, restartPolicy);
    }

    public HostConfig withUploadLimits(long maxUpload, long maxUnpacked) {
        return new HostConfig(tenantHost, tenantPort, adminHost, adminPort, dataDir, maxUpload, maxUnpacked,
                maxWarEntries, tenantMaxThreads, tenantIdleKeepAlive, dropInScanInterval, governor, restartPolicy);
    }

    public HostConfig withTenantIdleKeepAlive(Duration keepAlive) {
        return new HostConfig(tenantHost, tenantPort, adminHost, adminPort, dataDir, maxUploadBytes, maxUnpackedBytes,
                maxWarEntries, tenantMaxThreads, keepAlive, dropInScanInterval, governor, restartPolicy);
    }

    public HostConfig withGovernor(GovernorSettings settings) {
        return new HostConfig(tenantHost, tenantPort, adminHost, adminPort, dataDir, maxUploadBytes, maxUnpackedBytes,
                maxWarEntries, tenantMaxThreads, tenantIdleKeepAlive, dropInScanInterval, settings, restartPolicy);
    }

    public HostConfig withRestartPolicy(io.cohost.kernel.tenant.RestartPolicy policy) {
        return new HostConfig(tenantHost, tenantPort, adminHost, adminPort, dataDir, maxUploadBytes, maxUnpackedBytes,
                maxWarEntries, tenantMaxThreads, tenantIdleKeepAlive, dropInScanInterval, governor, policy);
    }

    public HostConfig withDropInScanInterval(Duration interval) {
        return new HostConfig(tenantHost, tenantPort, adminHost, adminPort, dataDir, maxUploadBytes, maxUnpackedBytes,
                maxWarEntries, tenantMaxThreads, tenantIdleKeepAlive, interval, governor, restartPolicy);
    }
}
