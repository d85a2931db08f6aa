package io.cohost.admin;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** A real host in this JVM on free ports, with a client for its admin API and one for its apps. */
final class TestHost implements AutoCloseable {
    private final Host host;
    private final AdminApiClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager()).build();

    private TestHost(Host host) {
        this.host = host;
        this.api = new AdminApiClient(host.adminUri());
    }

    static TestHost start(HostConfig config) {
        Host host = Host.create(config);
        try {
            host.start();
        } catch (Exception e) {
            throw new IllegalStateException("the host did not start", e);
        }
        return new TestHost(host);
    }

    static TestHost start(Path dataDir) {
        return start(HostConfig.ephemeral(dataDir));
    }

    Host host() {
        return host;
    }

    AdminApiClient api() {
        return api;
    }

    URI app(String path) {
        return host.tenantUri().resolve(path);
    }

    /** GET on the tenant connector, with this host's cookie jar. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(app(path)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file below a directory, as paths relative to it. */
    static List<String> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        host.stop();
    }
}
