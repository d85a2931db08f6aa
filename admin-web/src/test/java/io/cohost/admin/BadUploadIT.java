package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.HostConfig;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads the host must refuse: each gets a 4xx JSON error naming the problem, and neither the data
 * directory nor the registry changes; an app that was running keeps serving its version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadUploadIT {
    private static final long MAX_UPLOAD_BYTES = 512 * 1024;
    private static final long MAX_UNPACKED_BYTES = 1024 * 1024;

    @TempDir
    static Path dataDir;

    private TestHost host;
    private Snapshot before;

    /** What must not change: every file of the data directory's apps and scratch space, and the API's view. */
    private record Snapshot(Map<String, String> files, String apps) {}

    @BeforeAll
    void startHostWithSmallLimitsAndHello() {
        host = TestHost.start(HostConfig.ephemeral(dataDir).withUploadLimits(MAX_UPLOAD_BYTES, MAX_UNPACKED_BYTES));
        assertThat(host.api().deploy("hello", TestWars.war("hello")).status()).isEqualTo(201);
    }

    @AfterAll
    void stopHost() throws Exception {
        host.close();
    }

    @BeforeEach
    void takeSnapshot() throws Exception {
        before = snapshot();
    }

    /** The registry as the API shows it, minus the live meters, which change with every sample. */
    private static String withoutLiveMeters(String appsJson) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = mapper.readTree(appsJson);
        for (var app : tree.path("apps")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) app).remove("meters");
        }
        return mapper.writeValueAsString(tree);
    }

    private Snapshot snapshot() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path dir : List.of(host.host().store().appsDir(), host.host().store().tmpDir().resolve("uploads"))) {
            for (String file : TestHost.filesUnder(dir)) {
                Path path = dir.resolve(file);
                files.put(path.toString(), TestWars.version(Files.readAllBytes(path)));
            }
        }
        return new Snapshot(files, withoutLiveMeters(host.api().apps().body()));
    }

    private void assertNothingChangedAndHelloServes() throws Exception {
        assertThat(snapshot()).isEqualTo(before);
        assertThat(host.get("/hello/").statusCode()).isEqualTo(200);
        assertThat(host.get("/hello/").body()).isEqualTo("Hello from /hello\n");
    }

    /** Highly compressible zeros whose total inflated size exceeds the host's unpacked limit. */
    private static byte[] zipBomb() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            entries.put("WEB-INF/lib/zeros-" + i + ".bin", new byte[(int) (MAX_UNPACKED_BYTES / 2)]);
        }
        return TestWars.zip(entries);
    }

    static Stream<Arguments> badWars() {
        return Stream.of(
                Arguments.of("empty body", new byte[0], "the upload is empty"),
                Arguments.of("not a zip", "this is a text file, not a WAR".getBytes(StandardCharsets.UTF_8),
                        "the upload is not a WAR (zip) file"),
                Arguments.of("entry escaping with ../",
                        TestWars.withEntries("hello", Map.of("../../escaped.txt", "outside".getBytes(StandardCharsets.UTF_8))),
                        "the WAR has an entry that points outside the app: '../../escaped.txt'"),
                Arguments.of("zip bomb", zipBomb(), "the WAR inflates to more than " + MAX_UNPACKED_BYTES + " bytes"),
                Arguments.of("malformed web.xml",
                        TestWars.withEntries("hello", Map.of("WEB-INF/web.xml", "<web-app><servlet></web-app>".getBytes(StandardCharsets.UTF_8))),
                        "WEB-INF/web.xml is malformed at line 1"));
    }

    @ParameterizedTest(name = "{0} over a running app")
    @MethodSource("badWars")
    void badWarOverARunningAppIsRefusedAndTheOldVersionKeepsServing(String what, byte[] war, String problem) throws Exception {
        AdminApiClient.Reply reply = host.api().deploy("hello", war);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).contains("app 'hello'").contains(problem);
        assertThat(reply.field("detail")).isNotBlank();
        assertNothingChangedAndHelloServes();
    }

    @ParameterizedTest(name = "{0} as a new app")
    @MethodSource("badWars")
    void badWarAsANewAppIsRefusedAndLeavesNoTrace(String what, byte[] war, String problem) throws Exception {
        AdminApiClient.Reply reply = host.api().deploy("fresh", war);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).contains("app 'fresh'").contains(problem);
        assertThat(host.api().state("fresh")).isEqualTo("ABSENT");
        assertThat(host.host().store().appDir("fresh")).doesNotExist();
        assertNothingChangedAndHelloServes();
    }

    @ParameterizedTest(name = "app name ''{0}''")
    @ValueSource(strings = {"Bad_Name", "..", "-dash-first", "a-name-that-is-longer-than-the-sixty-three-characters-the-rule-allows"})
    void invalidAppNameIsRefusedNamingTheRule(String name) throws Exception {
        AdminApiClient.Reply reply = host.api().deploy(name, TestWars.war("hello"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("error")).contains("invalid app name '" + name + "'");
        assertThat(reply.field("detail")).contains("lower-case letters, digits and '-'");
        assertNothingChangedAndHelloServes();
    }

    /** The body is sent unasked, so the host reads and drops it before answering: the client must get the 413, not a reset. */
    @Test
    void oversizeUploadIsRefusedWith413() throws Exception {
        byte[] war = Arrays.copyOf(TestWars.bytes("hello"), (int) MAX_UPLOAD_BYTES + 64 * 1024);

        AdminApiClient.Reply reply = host.api().deploy("hello", war);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.field("error")).contains("app 'hello'").contains("larger than the limit of " + MAX_UPLOAD_BYTES + " bytes");
        assertThat(reply.field("detail")).isNotBlank();
        assertNothingChangedAndHelloServes();
    }

    /**
     * A client that asks first ({@code Expect: 100-continue}, as the CLI does) is refused before it sends a
     * byte of a body far over the limit. Spoken over a raw socket so the test controls exactly what is sent.
     */
    @Test
    void oversizeUploadAskingToContinueIsRefusedBeforeItsBodyIsSent() throws Exception {
        URI admin = host.host().adminUri();
        try (Socket socket = new Socket(admin.getHost(), admin.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "PUT /api/apps/hello HTTP/1.1\r\nHost: " + admin.getAuthority() + "\r\n"
                    + "Authorization: Bearer " + host.api().token() + "\r\n"
                    + "Content-Type: application/java-archive\r\nContent-Length: " + 64L * 1024 * 1024 + "\r\n"
                    + "Expect: 100-continue\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(reply).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
            assertThat(reply).contains("app 'hello'").contains("larger than the limit of " + MAX_UPLOAD_BYTES + " bytes");
        }
        assertNothingChangedAndHelloServes();
    }
}
