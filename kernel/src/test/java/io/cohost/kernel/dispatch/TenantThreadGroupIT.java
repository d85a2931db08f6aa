package io.cohost.kernel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.testing.TestWars;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of call into tenant code runs on the tenant's own thread group, never on a shared Jetty
 * thread. The thread-probe sample records the thread group of each callback; this test drives each
 * of its endpoints once on a real host, then reads the record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantThreadGroupIT {
    private static final String APP = "thread-probe";
    private static final String TENANT_GROUP = "tenant-" + APP;
    private static final int READ_BYTES = 1 << 20;
    private static final int WRITE_CHUNKS = 64;
    private static final int WRITE_CHUNK_BYTES = 64 * 1024;

    @TempDir
    static Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Host host;
    private URI app;
    private final Map<String, HttpResponse<String>> responses = new HashMap<>();
    private Map<String, Set<String>> report;
    private long bytesWritten;
    private String destroyedOn;

    @BeforeAll
    void driveEveryCallbackKind() throws Exception {
        host = Host.create(HostConfig.ephemeral(dataDir));
        host.start();
        try (InputStream war = Files.newInputStream(TestWars.war(APP))) {
            host.management().deploy(APP, war, DeployRequest.defaults());
        }
        app = host.tenantUri().resolve("/" + APP + "/");

        for (String path : List.of("service", "async-start", "async-dispatch", "async-timeout")) {
            responses.put(path, get(path));
        }
        responses.put("read", postInChunks("read", READ_BYTES));
        bytesWritten = readSlowly("write?chunks=" + WRITE_CHUNKS);

        // onComplete runs after the response of the timed-out request was sent, so it may lag behind it.
        await().atMost(Duration.ofSeconds(10)).until(() -> parse(get("report").body()).containsKey("async.onComplete"));
        report = parse(get("report").body());

        // in the app's own work directory: the only place it may write
        Path destroyLog = host.store().workDir(APP).resolve("destroyed-on.txt");
        get("destroy-log?path=" + java.net.URLEncoder.encode(destroyLog.toString(), java.nio.charset.StandardCharsets.UTF_8));
        host.management().stop(APP);
        destroyedOn = Files.readString(destroyLog);
    }

    @AfterAll
    void stopHost() throws Exception {
        if (host != null) {
            host.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the body as many separate chunks, so the servlet's ReadListener is woken up as data arrives. */
    private HttpResponse<String> postInChunks(String path, int bytes) throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        for (int sent = 0; sent < bytes; sent += 16 * 1024) {
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            chunks.add(chunk);
        }
        HttpRequest request = HttpRequest.newBuilder(app.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Takes the response headers and holds off reading the body until the servlet's first
     * onWritePossible is on record. 4 MiB does not fit in the connection's buffers, so the servlet
     * fills them, must wait for this client, and is called again when it can write.
     */
    private long readSlowly(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(app.resolve(path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> parse(get("report").body()).containsKey("write.onWritePossible"));
        long total = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    /** The probe's report: one line per kind, {@code kind=group1,group2}. */
    private static Map<String, Set<String>> parse(String report) {
        Map<String, Set<String>> byKind = new HashMap<>();
        for (String line : report.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                byKind.put(line.substring(0, eq), new TreeSet<>(Arrays.asList(line.substring(eq + 1).split(","))));
            }
        }
        return byKind;
    }

    @Test
    void everyEndpointAnsweredAsTheProbeIntends() {
        assertThat(responses.get("service").body()).isEqualTo("probe");
        assertThat(responses.get("async-start").body()).isEqualTo("started");
        assertThat(responses.get("async-dispatch").body()).isEqualTo("dispatched");
        assertThat(responses.get("async-timeout").body()).isEqualTo("timed out");
        assertThat(responses.get("read").body()).isEqualTo("read " + READ_BYTES);
        assertThat(bytesWritten).isEqualTo((long) WRITE_CHUNKS * WRITE_CHUNK_BYTES);
        assertThat(responses.values()).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    }

    @ParameterizedTest(name = "{0} runs only on " + TENANT_GROUP)
    @ValueSource(strings = {
            "sci.onStartup", "listener.contextInitialized", "filter.init", "servlet.init",
            "filter.doFilter", "servlet.service",
            "async.start", "async.dispatch", "async.onTimeout", "async.onComplete",
            "read.onDataAvailable", "read.onAllDataRead", "write.onWritePossible"})
    void callbackRunsOnlyOnTheTenantThreadGroup(String kind) {
        assertThat(report).as("callback kinds the probe saw").containsKey(kind);
        assertThat(report.get(kind)).as("thread groups %s ran on", kind).containsExactly(TENANT_GROUP);
    }

    @Test
    void contextDestroyedRunsOnTheTenantThreadGroup() {
        assertThat(destroyedOn).isEqualTo(TENANT_GROUP);
    }
}
