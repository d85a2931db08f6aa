package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cohost} command line, run as a child process against a real host: deploy, apps, stop,
 * start, restart and undeploy, with their exit codes and their effect on the host. The tests run in
 * order, as one operator's session: each starts from what the one before left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path scratch;

    private TestHost host;
    private String admin;

    @BeforeAll
    void startHost() {
        host = TestHost.start(dataDir);
        admin = host.api().base().toString();
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    private CliProcess.Result cohost(String... args) {
        // --data: the CLI authenticates with the token the host wrote to DATA/admin/cli-token
        String[] withAdmin = java.util.Arrays.copyOf(args, args.length + 4);
        withAdmin[args.length] = "--admin";
        withAdmin[args.length + 1] = admin;
        withAdmin[args.length + 2] = "--data";
        withAdmin[args.length + 3] = dataDir.toString();
        return CliProcess.run(scratch, withAdmin);
    }

    @Test
    @Order(1)
    void deployOfBothSamplesSucceedsAndTheyServe() {
        CliProcess.Result hello = cohost("deploy", TestWars.war("hello").toString(), "--name", "hello");
        CliProcess.Result guestbook = cohost("deploy", TestWars.war("guestbook").toString(), "--name", "book");

        assertThat(hello.exitCode()).as(hello.stderr()).isZero();
        assertThat(hello.stdout()).contains("\"state\" : \"RUNNING\"");
        assertThat(guestbook.exitCode()).as(guestbook.stderr()).isZero();
        assertThat(host.get("/hello/").body()).isEqualTo("Hello from /hello\n");
        assertThat(host.get("/book/").body()).contains("<h1>Guestbook</h1>");
    }

    @Test
    @Order(2)
    void appsListsEveryAppWithItsState() {
        CliProcess.Result apps = cohost("apps");

        assertThat(apps.exitCode()).isZero();
        assertThat(apps.stdout()).contains("\"name\" : \"book\"").contains("\"name\" : \"hello\"").contains("\"state\" : \"RUNNING\"");
    }

    @Test
    @Order(3)
    void stopMakesTheAppAnswerUnavailable() {
        CliProcess.Result stop = cohost("stop", "hello");

        assertThat(stop.exitCode()).isZero();
        assertThat(host.api().state("hello")).isEqualTo("STOPPED");
        assertThat(host.get("/hello/").statusCode()).isEqualTo(503);
    }

    @Test
    @Order(4)
    void startServesTheAppAgain() {
        CliProcess.Result start = cohost("start", "hello");

        assertThat(start.exitCode()).isZero();
        assertThat(host.api().state("hello")).isEqualTo("RUNNING");
        assertThat(host.get("/hello/").body()).isEqualTo("Hello from /hello\n");
    }

    @Test
    @Order(5)
    void restartStartsAFreshInstance() {
        String startedBefore = host.api().app("book").field("startedAt");

        CliProcess.Result restart = cohost("restart", "book");

        assertThat(restart.exitCode()).isZero();
        assertThat(host.api().state("book")).isEqualTo("RUNNING");
        assertThat(host.api().app("book").field("startedAt")).isNotEqualTo(startedBefore);
        assertThat(host.get("/book/").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void undeployRemovesTheAppAndItsFiles() {
        CliProcess.Result undeploy = cohost("undeploy", "book");

        assertThat(undeploy.exitCode()).isZero();
        assertThat(host.api().state("book")).isEqualTo("ABSENT");
        assertThat(host.get("/book/").statusCode()).isEqualTo(404);
        assertThat(host.host().store().appDir("book")).doesNotExist();
    }

    @Test
    @Order(7)
    void commandOnAnUnknownAppExitsWithOneAndTheApiError() {
        CliProcess.Result stop = cohost("stop", "nosuch");

        assertThat(stop.exitCode()).isEqualTo(1);
        assertThat(stop.stderr()).contains("no app named 'nosuch'");
    }

    @Test
    @Order(8)
    void deployOfAMissingFileExitsWithTwoNamingTheFile() {
        CliProcess.Result deploy = cohost("deploy", scratch.resolve("missing.war").toString());

        assertThat(deploy.exitCode()).isEqualTo(2);
        assertThat(deploy.stderr()).contains("missing.war");
    }

    @Test
    @Order(9)
    void unreachableHostExitsWithTwoAndSaysHowToPointAtIt() {
        CliProcess.Result apps = CliProcess.run(scratch, "apps", "--admin", "http://127.0.0.1:1");

        assertThat(apps.exitCode()).isEqualTo(2);
        assertThat(apps.stderr()).contains("cannot reach the Cohost admin API").contains("--admin");
    }
}
