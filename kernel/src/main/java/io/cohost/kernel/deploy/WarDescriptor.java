package io.cohost.kernel.deploy;

import io.cohost.kernel.config.AppDescriptor;
import io.cohost.kernel.config.DescriptorReader;
import io.cohost.kernel.config.InvalidDescriptorException;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The descriptor a WAR ships as its own defaults, {@code WEB-INF/cohost.yaml} (YAML or JSON, the
 * format of {@link AppDescriptor}), and the operator's descriptor given at deploy. Errors name the app,
 * where the descriptor came from and the field.
 */
public final class WarDescriptor {
    public static final String ENTRY = "WEB-INF/cohost.yaml";

    private WarDescriptor() {}

    /** The WAR's own descriptor, or the empty one if it has none. */
    public static AppDescriptor read(String app, Path war) {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                return AppDescriptor.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return parse(app, ENTRY + " in the WAR", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ManagementException(Kind.INVALID, "app '" + app + "': cannot read " + ENTRY + ": " + e.getMessage(),
                    "upload the WAR again");
        }
    }

    /** Parses a descriptor, naming {@code origin} (e.g. "the deploy's descriptor") in errors. */
    public static AppDescriptor parse(String app, String origin, String text) {
        try {
            return DescriptorReader.read(text);
        } catch (InvalidDescriptorException e) {
            throw new ManagementException(Kind.INVALID, "app '" + app + "': " + origin + " is invalid: " + e.getMessage(),
                    "fix the descriptor and deploy again; nothing was changed");
        }
    }
}
