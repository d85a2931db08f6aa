package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app's access policy through the REST API and the CLI: set, shown with the app, applied to the
 * running app at once, persisted, and refused with the valid forms when wrong. Its file-handle meters
 * are shown with the app and published per kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessApiIT {
    private TestHost host;
    private Path data;
    private Path shared;
    private Path scratch;

    @BeforeAll
    void startHost(@TempDir Path dir) throws Exception {
        data = dir.resolve("data");
        host = TestHost.start(data);
        shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("catalog.txt"), "catalog");
        scratch = Files.createDirectories(dir.resolve("scratch"));
        assertThat(host.api().deploy("fd-leak", TestWars.war("fd-leak")).status()).isEqualTo(201);
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    @Test
    void aPolicySetThroughTheApiIsShownAppliedAndPersisted() throws Exception {
        String catalog = "/fd-leak/read?path=" + shared.resolve("catalog.txt");
        assertThat(host.get(catalog).body()).startsWith("refused: java.nio.file.AccessDeniedException");

        AdminApiClient.Reply reply = host.api().setAccess("fd-leak",
                "{\"paths\": {\"" + shared + "\": \"read\"}, \"network\": [\"*\"], \"processes\": false}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/access/paths").get(shared.toString()).asText()).isEqualTo("read");
        assertThat(host.get(catalog).body()).isEqualTo("read 7 bytes");
        assertThat(Files.readString(host.host().store().appDir("fd-leak").resolve("app.json"))).contains(shared.toString());
    }

    @Test
    void theOperatorsDescriptorGivesTheAccessPolicyAtDeployAndALiveChangeOutlivesARedeployWithoutOne() {
        String catalog = "/granted/read?path=" + shared.resolve("catalog.txt");
        AdminApiClient.Reply deployed = host.api().deploy("granted", TestWars.war("fd-leak"),
                "access:\n  paths: { " + shared + ": read }\n  processes: true\n");

        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(host.get(catalog).body()).isEqualTo("read 7 bytes");
        assertThat(host.get("/granted/exec").body()).isEqualTo("started, exit 0");

        host.api().setAccess("granted", "{}");
        assertThat(host.get(catalog).body()).startsWith("refused: java.nio.file.AccessDeniedException");
        assertThat(host.api().deploy("granted", TestWars.war("fd-leak")).status()).isEqualTo(200);
        assertThat(host.get(catalog).body()).startsWith("refused: java.nio.file.AccessDeniedException");
        assertThat(host.get("/granted/exec").body()).startsWith("refused: java.io.IOException: app 'granted' may not start processes");
    }

    @Test
    void anInvalidPolicyIsRefusedWithTheValidForms() {
        AdminApiClient.Reply reply = host.api().setAccess("fd-leak", "{\"paths\": {\"relative/dir\": \"read\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("invalid access policy: path 'relative/dir' must be absolute, e.g. /srv/shared/catalog");
        assertThat(reply.field("detail")).contains("\"network\": [\"db.internal:5432\"]");
    }

    @Test
    void theCliSetsThePolicy() {
        // --data: the CLI authenticates with the token the host wrote to DATA/admin/cli-token
        CliProcess.Result result = CliProcess.run(scratch, "access", "fd-leak", "--processes", "--connect", "localhost:1",
                "--admin", host.api().base().toString(), "--data", data.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("\"processes\" : true", "\"localhost:1\"");
        assertThat(host.get("/fd-leak/exec").body()).isEqualTo("started, exit 0");
        assertThat(host.get("/fd-leak/connect?host=127.0.0.1&port=" + host.host().adminUri().getPort()).body())
                .startsWith("refused: java.net.ConnectException: app 'fd-leak' may not connect to 127.0.0.1:");
    }

    @Test
    void fileHandleMetersAreShownWithTheAppAndPublishedPerKind() {
        assertThat(host.get("/fd-leak/open?n=3").body()).isEqualTo("opened 3");

        assertThat(host.api().app("fd-leak").json().at("/meters/openFiles.file").asDouble()).isGreaterThanOrEqualTo(3.0);
        assertThat(host.api().metrics().body()).containsPattern("cohost_tenant_files_handles\\{app=\"fd-leak\",kind=\"file\"} [3-9]")
                .contains("cohost_tenant_files_handles{app=\"fd-leak\",kind=\"server-socket\"} 0.0");
        assertThat(host.get("/fd-leak/release").body()).startsWith("released ");
    }
}
