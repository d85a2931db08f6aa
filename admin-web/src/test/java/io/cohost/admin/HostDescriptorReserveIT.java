package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host process with few descriptors ({@code ulimit -n 512}): an app without a {@code files} quota that
 * opens files without end is refused before the process runs out, and the host keeps accepting
 * connections, serving its other apps and answering its admin API.
 */
class HostDescriptorReserveIT {
    private static final int LIMIT = 512;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private String get(HostProcess host, String path) throws Exception {
        // a new connection each time: the host must still have descriptors to accept it
        return http.send(HttpRequest.newBuilder(host.app(path)).header("Connection", "close").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anAppIsRefusedNearTheProcessLimitWhileTheHostKeepsServing(@TempDir Path dir) throws Exception {
        try (HostProcess host = HostProcess.serve(dir.resolve("data"), dir.resolve("logs"), "384m", LIMIT)) {
            assertThat(host.api().deploy("fd-leak", TestWars.war("fd-leak")).status()).isEqualTo(201);
            assertThat(host.api().deploy("hello", TestWars.war("hello")).status()).isEqualTo(201);

            String answer = get(host, "/fd-leak/open?n=5000");

            Matcher m = Pattern.compile("opened (\\d+); refused: java.io.IOException: app 'fd-leak': refused a new file handle:"
                    + " the host process has about (\\d+) of its " + LIMIT + " descriptors open and keeps the last 64 for itself;"
                    + " close files and sockets, lower the apps' 'files' quotas, or raise the host's limit \\(ulimit -n\\)").matcher(answer);
            assertThat(m.matches()).as(answer).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isBetween(100, LIMIT - 64);
            assertThat(Integer.parseInt(m.group(2))).isBetween(LIMIT - 64 - 8, LIMIT - 64);
            for (int i = 0; i < 20; i++) {
                assertThat(get(host, "/hello/")).isEqualTo("Hello from /hello\n");
            }
            assertThat(host.api().apps().status()).isEqualTo(200);
            assertThat(host.api().app("fd-leak").json().at("/meters/openFiles.file").asDouble()).isEqualTo(Double.parseDouble(m.group(1)));

            assertThat(get(host, "/fd-leak/release")).startsWith("released ");
            assertThat(get(host, "/fd-leak/open?n=10")).isEqualTo("opened 10");
        }
    }
}
