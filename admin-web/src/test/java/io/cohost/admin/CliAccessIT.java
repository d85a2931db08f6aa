package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.cli.CohostCli;
import io.cohost.kernel.management.access.ApiTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI authenticates with a token: given, from the environment, or the local host's cli-token file; it resets the password. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAccessIT {
    TestHost host;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        host = TestHost.start(data);
        host.deploy("hello", "hello");
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    record Run(int exit, String out, String err) {}

    private Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new CohostCli()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String[] against(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin", host.adminUri().toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void withoutATokenTheApiRefusesAndTheCliSaysHowToGetOne(@TempDir Path elsewhere) {
        Run run = cli(against("apps", "--data", elsewhere.toString()));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("login required").contains("needs a token").contains("--token");
    }

    @Test
    void theLocalHostsTokenFileIsUsedWhenNoTokenIsGiven() {
        Run run = cli(against("apps", "--data", host.data().toString()));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"name\" : \"hello\"");
    }

    @Test
    void aTokenGivenOnTheCommandLineIsUsed(@TempDir Path elsewhere) {
        String token = ApiTokens.in(host.data()).create("cli-test", "test").token();

        Run run = cli(against("apps", "--token", token, "--data", elsewhere.toString()));

        assertThat(run.exit()).isZero();
    }

    @Test
    void aRevokedTokenIsExplained(@TempDir Path elsewhere) {
        ApiTokens.IssuedToken issued = ApiTokens.in(host.data()).create("soon-revoked", "test");
        ApiTokens.in(host.data()).revoke(issued.info().id());

        Run run = cli(against("apps", "--token", issued.token(), "--data", elsewhere.toString()));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("refused the token").contains("revoked");
    }

    @Test
    void tokensAreCreatedAndRevokedThroughTheApi() {
        Run created = cli(against("token", "create", "from-cli", "--data", host.data().toString()));
        assertThat(created.exit()).isZero();
        Matcher token = Pattern.compile("\"token\" : \"(cohost_[^\"]+)\"").matcher(created.out());
        Matcher id = Pattern.compile("\"id\" : \"([0-9a-f]+)\"").matcher(created.out());
        assertThat(token.find()).isTrue();
        assertThat(id.find()).isTrue();
        assertThat(ApiTokens.in(host.data()).verify(token.group(1))).isPresent();

        Run revoked = cli(against("token", "revoke", id.group(1), "--data", host.data().toString()));

        assertThat(revoked.exit()).isZero();
        assertThat(ApiTokens.in(host.data()).verify(token.group(1))).isEmpty();
        assertThat(cli(against("token", "list", "--data", host.data().toString())).out()).doesNotContain(id.group(1));
    }

    @Test
    void resetPasswordReplacesTheAdminPasswordOfTheDataDirectory() throws Exception {
        try {
            Run run = cli("admin", "reset-password", "--data", host.data().toString());

            assertThat(run.exit()).isZero();
            Matcher m = Pattern.compile("New password for user 'admin': (\\S+)").matcher(run.out());
            assertThat(m.find()).isTrue();
            assertThat(host.anonymous().postLogin("admin", TestHost.PASSWORD).statusCode()).isEqualTo(401);
            assertThat(host.anonymous().postLogin("admin", m.group(1)).statusCode()).isEqualTo(200);
        } finally {
            io.cohost.kernel.management.access.AdminCredentials.in(host.data()).setPassword(TestHost.PASSWORD.toCharArray());
        }
    }

    @Test
    void resetPasswordNeedsADataDirectory(@TempDir Path empty) {
        Run run = cli("admin", "reset-password", "--data", empty.resolve("missing").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no data directory");
    }
}
