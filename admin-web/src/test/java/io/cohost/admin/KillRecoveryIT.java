package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After {@code kill -9} the host comes back with every app as it was; a cut-off upload leaves nothing behind. */
class KillRecoveryIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private HostProcess host;

    @AfterEach
    void killHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    private HttpResponse<String> get(HostProcess on, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(on.app(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAppComesBackAtItsVersionAndDesiredStateAfterKill9() throws Exception {
        host = HostProcess.serve(dataDir, logs);
        assertThat(host.api().deploy("hello", TestWars.war("hello")).status()).isEqualTo(201);
        assertThat(host.api().deploy("book", TestWars.war("guestbook")).status()).isEqualTo(201);
        assertThat(host.api().stop("book").field("state")).isEqualTo("STOPPED");

        host.kill();
        host = HostProcess.serve(dataDir, logs);

        AdminApiClient.Reply hello = host.api().app("hello");
        assertThat(hello.field("state")).isEqualTo("RUNNING");
        assertThat(hello.field("desiredState")).isEqualTo("RUNNING");
        assertThat(hello.field("version")).isEqualTo(TestWars.version("hello"));
        assertThat(get(host, "/hello/").body()).isEqualTo("Hello from /hello\n");

        AdminApiClient.Reply book = host.api().app("book");
        assertThat(book.field("state")).isEqualTo("STOPPED");
        assertThat(book.field("desiredState")).isEqualTo("STOPPED");
        assertThat(book.field("version")).isEqualTo(TestWars.version("guestbook"));
        assertThat(get(host, "/book/").statusCode()).isEqualTo(503);
    }

    @Test
    void uploadCutOffByKill9LeavesNeitherAppNorPartialFile() throws Exception {
        host = HostProcess.serve(dataDir, logs);
        byte[] noise = new byte[8 << 20];
        new Random(42).nextBytes(noise);
        byte[] bigWar = TestWars.withEntries("hello", Map.of("WEB-INF/noise.bin", noise));
        CountDownLatch bodyMayFinish = new CountDownLatch(1);
        InputStream slowBody = new HalfThenWait(bigWar, bodyMayFinish);
        var upload = http.sendAsync(host.api().request("/api/apps/big")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> slowBody)).build(), HttpResponse.BodyHandlers.ofString());
        Path uploads = dataDir.resolve("tmp").resolve("uploads");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestHost.filesUnder(uploads).stream()
                .anyMatch(f -> uploads.resolve(f).toFile().length() > 0));

        host.kill();
        bodyMayFinish.countDown();
        assertThat(upload).failsWithin(Duration.ofSeconds(30));
        host = HostProcess.serve(dataDir, logs);

        assertThat(host.api().state("big")).isEqualTo("ABSENT");
        assertThat(dataDir.resolve("apps").resolve("big")).doesNotExist();
        assertThat(TestHost.filesUnder(dataDir.resolve("tmp"))).noneMatch(f -> f.contains("upload"));
    }

    /** Gives the first half of the bytes at once, then waits to be allowed to give the rest. */
    private static final class HalfThenWait extends InputStream {
        private final byte[] bytes;
        private final CountDownLatch mayFinish;
        private int position;

        HalfThenWait(byte[] bytes, CountDownLatch mayFinish) {
            this.bytes = bytes;
            this.mayFinish = mayFinish;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == bytes.length) {
                return -1;
            }
            if (position >= bytes.length / 2) {
                try {
                    mayFinish.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int n = Math.min(len, bytes.length - position);
            if (position < bytes.length / 2) {
                n = Math.min(n, bytes.length / 2 - position);
            }
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
