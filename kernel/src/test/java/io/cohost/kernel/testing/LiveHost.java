package io.cohost.kernel.testing;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real host on free ports with a temporary data directory, and a plain HTTP client for its tenants. */
public final class LiveHost implements AutoCloseable {
    public static final Path WARS = Path.of(System.getProperty("cohost.wars", "target/wars"));

    public final Host host;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public LiveHost(Path dataDir) throws Exception {
        this(HostConfig.ephemeral(dataDir));
    }

    public LiveHost(HostConfig config) throws Exception {
        host = Host.create(config);
        host.start();
    }

    public AppInfo deploy(String name, String war) throws IOException {
        return deploy(name, WARS.resolve(war + ".war"));
    }

    public AppInfo deploy(String name, Path war) throws IOException {
        try (InputStream in = Files.newInputStream(war)) {
            return host.management().deploy(name, in, DeployRequest.defaults());
        }
    }

    /** Body of GET {@code path} on the tenant connector; new connection each time, so none keeps a tenant alive. */
    public String get(String path) {
        return send(path).body();
    }

    public HttpResponse<String> send(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(host.tenantUri() + path))
                    .header("Connection", "close").timeout(Duration.ofSeconds(30)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String state(String app) {
        return host.management().app(app).state();
    }

    @Override
    public void close() throws Exception {
        host.stop();
    }
}
