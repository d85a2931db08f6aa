package io.cohost.admin;

import io.cohost.kernel.Host;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.access.AdminCredentials;
import io.cohost.kernel.management.access.LocalAdminToken;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * A real host in this JVM on free ports, with a client for its admin API and one for its apps.
 *
 * <p>The admin plane lets no one in without credentials. Before the start the admin password is set to
 * {@link #PASSWORD} (so none is generated), and at the start the plane writes the local CLI token,
 * which {@link #api()} and {@link #adminHttp()} send:
 *
 * <pre>
 * TestHost host = TestHost.start(tempDir);
 * host.api().apps();                                // Authorization: Bearer &lt;DATA/admin/cli-token&gt;
 * AdminHttp browser = host.anonymous().login();     // a browser session: cookie and CSRF token
 * </pre>
 */
final class TestHost implements AutoCloseable {
    static final String PASSWORD = "test-password-for-the-admin";

    private final Host host;
    private final AdminApiClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager()).build();

    private TestHost(Host host) {
        this.host = host;
        this.api = new AdminApiClient(host.adminUri(), token(host.config().dataDir()));
    }

    static TestHost start(HostConfig config) {
        Host host = Host.create(config);
        try {
            AdminCredentials.in(config.dataDir()).setPassword(PASSWORD.toCharArray());
            host.start();
        } catch (Exception e) {
            throw new IllegalStateException("the host did not start", e);
        }
        return new TestHost(host);
    }

    static TestHost start(Path dataDir) {
        return start(HostConfig.ephemeral(dataDir));
    }

    /** The token the admin plane wrote for the local CLI at start: what any test client can authenticate with. */
    static String token(Path dataDir) {
        return LocalAdminToken.read(dataDir).orElseThrow(() -> new IllegalStateException(
                "no " + LocalAdminToken.file(dataDir) + ": is admin-web (the admin plane) on the class path?"));
    }

    Host host() {
        return host;
    }

    Path data() {
        return host.config().dataDir();
    }

    URI adminUri() {
        return host.adminUri();
    }

    String token() {
        return token(data());
    }

    /** The admin API client of the foundation tests, authenticated with the local token. */
    AdminApiClient api() {
        return api;
    }

    /** A raw HTTP client of the admin plane with the local token, for tests of the plane itself. */
    AdminHttp adminHttp() {
        return new AdminHttp(adminUri()).withToken(token());
    }

    /** A raw HTTP client of the admin plane without credentials. */
    AdminHttp anonymous() {
        return new AdminHttp(adminUri());
    }

    AppInfo deploy(String name, String war) {
        try (InputStream in = Files.newInputStream(TestWars.war(war))) {
            return host.management().deploy(name, in, DeployRequest.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
