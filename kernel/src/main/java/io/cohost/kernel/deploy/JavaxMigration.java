package io.cohost.kernel.deploy;

import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tomcat.jakartaee.EESpecProfiles;
import org.apache.tomcat.jakartaee.Migration;

/**
 * Migrates a WAR written for {@code javax.servlet} (Servlet 4 and older) to Jakarta EE, the way Tomcat's
 * {@code webapps-javaee} folder does: Apache Tomcat's migration tool renames the {@code javax} packages
 * the Tomcat profile covers (servlet, JSP, EL, WebSocket, annotations, security) in classes, jars,
 * descriptors and JSPs. The migrated WAR is written to a new scratch file and deployed instead; if the
 * migration fails, nothing is deployed.
 */
final class JavaxMigration {
    private final Path scratchDir;
    private final long maxBytes;

    JavaxMigration(Path scratchDir, long maxBytes) {
        this.scratchDir = scratchDir;
        this.maxBytes = maxBytes;
    }

    SpooledUpload migrate(String app, SpooledUpload original) {
        Path migrated = null;
        try {
            Files.createDirectories(scratchDir);
            migrated = Files.createTempFile(scratchDir, "migrated-", ".war");
            Migration migration = new Migration();
            migration.setEESpecProfile(EESpecProfiles.TOMCAT);
            migration.setSource(original.file().toFile());
            migration.setDestination(migrated.toFile());
            migration.execute();
            try (InputStream in = Files.newInputStream(migrated)) {
                return SpooledUpload.spool(app, in, scratchDir, maxBytes);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ManagementException m) {
                throw m;
            }
            throw new ManagementException(Kind.INVALID, "app '" + app + "': the WAR uses javax.servlet and could not be "
                    + "migrated to Jakarta EE: " + e.getMessage(),
                    "migrate it yourself with Apache Tomcat's jakartaee-migration tool (or rebuild it against "
                            + "jakarta.servlet-api 6) and deploy the result; nothing was deployed", e);
        } finally {
            if (migrated != null) {
                try {
                    Files.deleteIfExists(migrated);
                } catch (IOException ignored) {
                    // scratch space is emptied at the next host start
                }
            }
        }
    }
}
