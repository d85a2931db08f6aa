package io.cohost.kernel.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks an instance's WAR into its own folder before Jetty sees it, and hands Jetty the folder.
 * Jetty would unpack it the same way, but through a zip file system that it keeps mounted, so every
 * running app would hold its WAR open (a descriptor and the WAR's index in memory) for its whole life.
 * WARs were checked at upload ({@code deploy.WarInspector}: no entry leaves the folder, no zip bomb);
 * the check here is the last line, should a stored WAR have been changed on disk.
 */
final class ExplodedWar {
    private ExplodedWar() {}

    static Path unpack(String tenant, Path war, Path into) throws IOException {
        Path root = Files.createDirectories(into).toRealPath();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("app '" + tenant + "': WAR entry '" + entry.getName() + "' would be unpacked outside its folder;"
                            + " deploy the WAR again");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getTime() > 0) {
                    // JSP pages are recompiled when newer than their classes: keep the WAR's times
                    Files.setLastModifiedTime(target, FileTime.fromMillis(entry.getTime()));
                }
            }
        }
        return root;
    }
}
