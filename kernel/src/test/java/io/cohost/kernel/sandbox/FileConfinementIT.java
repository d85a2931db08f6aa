package io.cohost.kernel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.management.AccessPolicy;
import io.cohost.kernel.testing.LiveHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app reads and writes only its own work directory and reads its WAR; every other path is refused
 * with {@code AccessDeniedException} naming the path and the rule, unless granted. Its processes are
 * refused and its connections limited to its allow-list, when it has one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileConfinementIT {
    private LiveHost host;
    private Path data;

    @BeforeAll
    void startHost(@TempDir Path dir) throws Exception {
        data = dir.resolve("data");
        host = new LiveHost(data);
        host.deploy("fd-leak", "fd-leak");
        host.deploy("other", "fd-leak");
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    @AfterEach
    void resetAccess() {
        host.host.management().setAccess("fd-leak", AccessPolicy.defaults());
    }

    private String read(String path) {
        return host.get("/fd-leak/read?path=" + path);
    }

    @Test
    void anAppReadsAndWritesItsOwnWorkDirectoryWhichIsAlsoItsTmpdir() {
        Path own = data.resolve("work/fd-leak/tmp/own.txt").toAbsolutePath();

        assertThat(read(own.toString())).isEqualTo("read 25 bytes");
        assertThat(host.get("/fd-leak/read?api=io&path=" + own)).isEqualTo("read 25 bytes");
        assertThat(host.get("/fd-leak/write?path=" + own.resolveSibling("notes.txt"))).startsWith("wrote ");
        assertThat(host.get("/fd-leak/tmpfile")).startsWith(data.resolve("work/fd-leak/tmp").toAbsolutePath() + "/fd-leak");
    }

    @Test
    void anotherAppsWorkFileIsRefusedNamingThePathAndTheRule() {
        Path theirs = data.resolve("work/other/tmp/own.txt").toAbsolutePath();
        assertThat(theirs).exists();

        String answer = read(theirs.toString());

        assertThat(answer).startsWith("refused: java.nio.file.AccessDeniedException: " + theirs + ": refused: outside the files of app 'fd-leak'"
                + " (read-write: its work directory " + data.resolve("work/fd-leak").toAbsolutePath())
                .endsWith("; grant other paths with 'paths' in the app's access policy");
        assertThat(host.get("/fd-leak/read?api=io&path=" + theirs)).startsWith("refused: java.nio.file.AccessDeniedException: " + theirs);
        assertThat(host.get("/fd-leak/write?path=" + theirs)).startsWith("refused: java.nio.file.AccessDeniedException: " + theirs);
    }

    @Test
    void theDataDirectorysStateAndTheAdminCredentialStoreAreRefused() throws Exception {
        Path record = data.resolve("apps/fd-leak/app.json").toAbsolutePath();
        // the admin credential store (written by the admin plane, which this kernel-only host does not load)
        Path credentials = data.resolve("admin/credentials.json").toAbsolutePath();
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, "{\"hash\": \"PBKDF2...\"}");

        assertThat(read(record.toString())).startsWith("refused: java.nio.file.AccessDeniedException: " + record + ": refused:");
        assertThat(read(credentials.toString())).startsWith("refused: java.nio.file.AccessDeniedException: " + credentials + ": refused:");
        assertThat(read(data.resolve("logs/other.log").toAbsolutePath().toString())).startsWith("refused: java.nio.file.AccessDeniedException");
    }

    @Test
    void etcPasswdAndProcSelfAreRefused() {
        assertThat(read("/etc/passwd")).startsWith("refused: java.nio.file.AccessDeniedException: /etc/passwd: refused: outside the files of app 'fd-leak'");
        assertThat(host.get("/fd-leak/read?api=io&path=/etc/passwd")).startsWith("refused: java.nio.file.AccessDeniedException: /etc/passwd");
        assertThat(read("/proc/self/status")).startsWith("refused: java.nio.file.AccessDeniedException: /proc/self/status");
    }

    @Test
    void workTheAppHandsToTheCommonPoolOrAVirtualThreadIsStillConfinedAndStillItsOwn() {
        Path own = data.resolve("work/fd-leak/tmp/own.txt").toAbsolutePath();

        assertThat(host.get("/fd-leak/read?api=pool&path=/etc/passwd")).startsWith("refused: java.nio.file.AccessDeniedException: /etc/passwd");
        assertThat(host.get("/fd-leak/read?api=pool&path=" + own)).isEqualTo("read 25 bytes");
        assertThat(host.get("/other/read?api=pool&path=" + own)).startsWith("refused: java.nio.file.AccessDeniedException: " + own);
        if (Runtime.version().feature() >= 21) {
            assertThat(host.get("/fd-leak/read?api=virtual&path=/etc/passwd")).startsWith("refused: java.nio.file.AccessDeniedException");
            assertThat(host.get("/fd-leak/read?api=virtual&path=" + own)).isEqualTo("read 25 bytes");
        }
    }

    @Test
    void itsWarIsReadableButNotWritable() {
        Path war = host.host.store().warPath("fd-leak", host.host.management().app("fd-leak").version());

        assertThat(read(war.toString())).startsWith("read ");
        assertThat(host.get("/fd-leak/write?path=" + war)).isEqualTo("refused: java.nio.file.AccessDeniedException: " + war
                + ": refused: app 'fd-leak' may only read its WAR " + war + "; grant 'read-write' with 'paths' in the app's access policy");
    }

    @Test
    void aGrantedPathIsReadableAndWritableOnlyAsGranted(@TempDir Path shared) throws Exception {
        Path catalog = Files.writeString(shared.resolve("catalog.txt"), "shared catalog");
        assertThat(read(catalog.toString())).startsWith("refused: java.nio.file.AccessDeniedException");

        host.host.management().setAccess("fd-leak", AccessPolicy.defaults().withPath(shared.toString(), AccessPolicy.READ));
        assertThat(read(catalog.toString())).isEqualTo("read 14 bytes");
        assertThat(host.get("/fd-leak/write?path=" + catalog)).startsWith("refused: java.nio.file.AccessDeniedException: " + catalog
                + ": refused: app 'fd-leak' may only read granted read " + shared);

        host.host.management().setAccess("fd-leak", AccessPolicy.defaults().withPath(shared.toString(), AccessPolicy.READ_WRITE));
        assertThat(host.get("/fd-leak/write?path=" + catalog)).isEqualTo("wrote " + catalog);
        assertThat(Files.readString(host.host.store().appDir("fd-leak").resolve("app.json"))).contains(shared.toString(), "read-write");
        assertThat(host.get("/other/read?path=" + catalog)).startsWith("refused: java.nio.file.AccessDeniedException");
    }

    @Test
    void startingAProcessIsRefusedByDefaultAndAllowedWhenGranted() {
        String refusal = "refused: java.io.IOException: app 'fd-leak' may not start processes (tried: true): a process runs outside"
                + " the app's quotas and file rules and can signal the host; allow it with 'processes: true' in the app's access policy";
        assertThat(host.get("/fd-leak/exec")).isEqualTo(refusal);
        assertThat(host.get("/fd-leak/exec?api=runtime")).isEqualTo(refusal);

        host.host.management().setAccess("fd-leak", AccessPolicy.defaults().withProcesses(true));
        assertThat(host.get("/fd-leak/exec")).isEqualTo("started, exit 0");
        assertThat(host.get("/other/exec")).isEqualTo(refusal.replace("'fd-leak'", "'other'"));
    }

    @Test
    void connectionsOutsideTheNetworkAllowListAreRefused() {
        int tenants = host.host.tenantUri().getPort();
        int admin = host.host.adminUri().getPort();
        assertThat(host.get("/fd-leak/connect?host=127.0.0.1&port=" + admin)).isEqualTo("connected");

        host.host.management().setAccess("fd-leak", AccessPolicy.defaults().withNetwork(List.of("localhost:" + tenants)));

        assertThat(host.get("/fd-leak/connect?host=localhost&port=" + tenants)).isEqualTo("connected");
        assertThat(host.get("/fd-leak/connect?host=127.0.0.1&port=" + admin)).isEqualTo("refused: java.net.ConnectException: app 'fd-leak'"
                + " may not connect to 127.0.0.1:" + admin + ": not in its network allow-list [localhost:" + tenants + "];"
                + " add the destination to 'network' in the app's access policy");
        assertThat(host.get("/fd-leak/http?url=http://127.0.0.1:" + admin + "/metrics")).startsWith("refused: java.net.ConnectException");
        assertThat(host.host.management().app("fd-leak").access().network()).containsExactly("localhost:" + tenants);
        assertThat(host.get("/other/connect?host=127.0.0.1&port=" + admin)).isEqualTo("connected");
    }
}
