package io.cohost.kernel.management;

import java.io.InputStream;
import java.util.List;

/**
 * The host's management API: the one path to the registry for the REST API, the UI, the CLI
 * (through the REST API) and the drop-in directory. Every failure is a {@link ManagementException}.
 */
public interface HostManagement {
    List<AppInfo> apps();

    AppInfo app(String name);

    /** Deploys a new app or redeploys an existing one from a WAR stream; see {@link DeployRequest}. */
    AppInfo deploy(String name, InputStream war, DeployRequest request);

    AppInfo start(String name);

    AppInfo stop(String name);

    AppInfo restart(String name);

    /**
     * Goes back to the version deployed before the current one (the host keeps one). The app ends in
     * the state it was asked to be in; a running app keeps serving the current version until the
     * previous one has started.
     */
    AppInfo rollback(String name);

    void undeploy(String name);

    /** Changes quotas ({@code cpu -> 250m}; an empty value means the host default); effective within a second. */
    AppInfo setQuota(String name, java.util.Map<String, String> quota);

    /**
     * Replaces what the app may use beyond its own files (granted paths, network destinations,
     * processes); persisted, and applied to the running instance at once.
     */
    AppInfo setAccess(String name, AccessPolicy access);

    /** The last {@code lines} lines of the app's log (its stdout, stderr and logging). */
    List<String> logs(String name, int lines);

    /** Stopped apps whose class loaders are still reachable after a garbage collection. */
    List<LeakReport> leaks();
}
