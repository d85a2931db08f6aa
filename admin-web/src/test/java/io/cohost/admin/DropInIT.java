package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.kernel.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WAR copied into the drop-in directory deploys; replacing it redeploys; deleting it undeploys. */
class DropInIT {
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private TestHost host;
    private Path dropIn;

    @BeforeEach
    void startHost() {
        host = TestHost.start(HostConfig.ephemeral(dataDir).withDropInScanInterval(Duration.ofMillis(100)));
        dropIn = host.host().store().dropInDir();
    }

    @AfterEach
    void stopHost() throws Exception {
        host.close();
    }

    /** Copies beside the target first and renames into place, as a careful operator would. */
    private void dropIn(String sample, String fileName) throws IOException {
        Path staging = dropIn.resolve("." + fileName + ".part");
        Files.copy(TestWars.war(sample), staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, dropIn.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void droppedInSamplesDeployAndServe() throws Exception {
        dropIn("hello", "hello.war");
        dropIn("guestbook", "guestbook.war");

        await().atMost(SETTLE).until(() -> host.api().state("hello").equals("RUNNING")
                && host.api().state("guestbook").equals("RUNNING"));

        assertThat(host.get("/hello/").body()).isEqualTo("Hello from /hello\n");
        assertThat(host.get("/guestbook/").body()).contains("<h1>Guestbook</h1>");
        assertThat(host.api().app("hello").field("source")).isEqualTo("dropin");
        assertThat(host.api().app("hello").field("version")).isEqualTo(TestWars.version("hello"));
    }

    @Test
    void replacingTheFileRedeploysTheNewWar() throws Exception {
        dropIn("hello", "site.war");
        await().atMost(SETTLE).until(() -> host.api().state("site").equals("RUNNING"));
        assertThat(host.get("/site/").body()).isEqualTo("Hello from /site\n");

        dropIn("guestbook", "site.war");

        await().atMost(SETTLE).until(() -> host.api().app("site").field("version").equals(TestWars.version("guestbook")));
        AdminApiClient.Reply site = host.api().app("site");
        assertThat(site.field("state")).isEqualTo("RUNNING");
        assertThat(site.field("previousVersion")).isEqualTo(TestWars.version("hello"));
        assertThat(host.get("/site/").body()).contains("<h1>Guestbook</h1>");
    }

    @Test
    void deletingTheFileUndeploysTheApp() throws Exception {
        dropIn("hello", "site.war");
        await().atMost(SETTLE).until(() -> host.api().state("site").equals("RUNNING"));

        Files.delete(dropIn.resolve("site.war"));

        await().atMost(SETTLE).until(() -> host.api().state("site").equals("ABSENT"));
        assertThat(host.get("/site/").statusCode()).isEqualTo(404);
        assertThat(host.host().store().appDir("site")).doesNotExist();
    }
}
