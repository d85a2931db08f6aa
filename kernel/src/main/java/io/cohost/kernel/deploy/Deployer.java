package io.cohost.kernel.deploy;

import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import io.cohost.kernel.state.AppStore;
import io.cohost.kernel.tenant.TenantRegistry;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one code path every deploy takes (REST, CLI through REST, drop-in directory): check the name,
 * spool the upload, inspect the WAR, then hand it to the registry. Nothing on disk or in the registry
 * changes until the WAR has passed inspection.
 */
public final class Deployer {
    private final TenantRegistry registry;
    private final AppStore store;
    private final WarInspector inspector;
    private final long maxUploadBytes;

    public Deployer(TenantRegistry registry, AppStore store, HostConfig config) {
        this.registry = registry;
        this.store = store;
        this.inspector = new WarInspector(config.maxUnpackedBytes(), config.maxWarEntries());
        this.maxUploadBytes = config.maxUploadBytes();
    }

    public AppInfo deploy(String name, InputStream war, DeployRequest request) {
        AppNames.requireValid(name);
        try (SpooledUpload upload = SpooledUpload.spool(name, war, store.tmpDir().resolve("uploads"), maxUploadBytes)) {
            inspector.inspect(name, upload.file(), upload.size());
            return registry.install(name, upload, request);
        } catch (IOException e) {
            throw new ManagementException(Kind.INVALID, "app '" + name + "': the upload could not be read: " + e.getMessage(),
                    "send the complete WAR file again");
        }
    }
}
