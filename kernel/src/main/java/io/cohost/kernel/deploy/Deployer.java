package io.cohost.kernel.deploy;

import io.cohost.kernel.HostConfig;
import io.cohost.kernel.config.AppDescriptor;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import io.cohost.kernel.state.AppStore;
import io.cohost.kernel.tenant.TenantRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The one code path every deploy takes (REST, CLI through REST, drop-in directory): check the name and
 * the operator's descriptor, spool the upload, inspect the WAR, migrate it if it is a {@code javax.servlet}
 * WAR, check its own {@code WEB-INF/cohost.yaml}, then hand it to the registry. Nothing on disk or in the
 * registry changes until all of that has passed.
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
        request.descriptor().ifPresent(text -> requireClassPathExists(name,
                WarDescriptor.parse(name, "the deploy's descriptor", text)));
        try (SpooledUpload upload = SpooledUpload.spool(name, war, store.tmpDir().resolve("uploads"), maxUploadBytes)) {
            WarInspector.Inspection inspection = inspector.inspect(name, upload.file(), upload.size());
            List<String> notes = new ArrayList<>();
            if (!inspection.isJavaxServlet()) {
                return install(name, upload, request, notes);
            }
            try (SpooledUpload migrated = new JavaxMigration(store.tmpDir().resolve("uploads"), maxUploadBytes).migrate(name, upload)) {
                inspector.inspect(name, migrated.file(), migrated.size());
                notes.add("migrated from javax.servlet to Jakarta EE (" + inspection.javaxEvidence() + "): deployed the migrated WAR "
                        + shortVersion(migrated.sha256()) + " instead of the uploaded " + shortVersion(upload.sha256()));
                return install(name, migrated, request, notes);
            }
        } catch (IOException e) {
            throw new ManagementException(Kind.INVALID, "app '" + name + "': the upload could not be read: " + e.getMessage(),
                    "send the complete WAR file again");
        }
    }

    private AppInfo install(String name, SpooledUpload upload, DeployRequest request, List<String> notes) {
        AppDescriptor own = WarDescriptor.read(name, upload.file());
        List<String> operatorOnly = own.operatorOnlyFieldsSet();
        if (!operatorOnly.isEmpty()) {
            notes.add(WarDescriptor.ENTRY + " sets " + operatorOnly + ", which only the operator may grant: ignored; "
                    + "give them in the deploy's descriptor if the app should have them");
        }
        return registry.install(name, upload, request, notes);
    }

    private static void requireClassPathExists(String app, AppDescriptor descriptor) {
        for (String entry : descriptor.classPath()) {
            if (!java.nio.file.Files.exists(java.nio.file.Path.of(entry))) {
                throw new ManagementException(Kind.INVALID, "app '" + app + "': the deploy's descriptor is invalid: field 'classPath': "
                        + entry + " does not exist on the host", "give absolute paths of jars or class folders that exist; nothing was changed");
            }
        }
    }

    private static String shortVersion(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }
}
