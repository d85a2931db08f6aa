package io.cohost.kernel.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance's WAR unpacked into its own folder: every entry, with its time, and nothing outside the folder. */
class ExplodedWarTest {
    @TempDir
    Path dir;

    @Test
    void everyEntryIsUnpackedWithTheTimeTheWarGivesIt() throws IOException {
        long time = 1_700_000_000_000L;
        Path war = war("shop.war", time, "index.jsp", "<p>shop</p>", "WEB-INF/web.xml", "<web-app/>");

        Path root = ExplodedWar.unpack("shop", war, dir.resolve("instance/webapp"));

        assertThat(Files.readString(root.resolve("index.jsp"))).isEqualTo("<p>shop</p>");
        assertThat(Files.readString(root.resolve("WEB-INF/web.xml"))).isEqualTo("<web-app/>");
        assertThat(Files.getLastModifiedTime(root.resolve("index.jsp")).toMillis()).isEqualTo(time);
    }

    @Test
    void anEntryThatWouldLeaveTheFolderIsRefusedNamingTheAppAndTheEntry() throws IOException {
        Path war = war("evil.war", 0, "../outside.txt", "x");

        assertThatThrownBy(() -> ExplodedWar.unpack("evil", war, dir.resolve("instance/webapp")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("app 'evil'")
                .hasMessageContaining("'../outside.txt'");
        assertThat(dir.resolve("instance/outside.txt")).doesNotExist();
    }

    private Path war(String name, long time, String... entriesAndContents) throws IOException {
        Path war = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                ZipEntry e = new ZipEntry(entriesAndContents[i]);
                if (time > 0) {
                    e.setTime(time);
                }
                zip.putNextEntry(e);
                zip.write(entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return war;
    }
}
