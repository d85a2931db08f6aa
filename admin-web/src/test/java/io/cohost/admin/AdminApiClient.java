package io.cohost.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The tests' only way to the admin REST API. Every request is built in {@link #request}, which adds
 * the API token: the admin plane refuses requests without one.
 */
public final class AdminApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;

    /** A client of the admin API at {@code base}, authenticated with an API token (see {@code LocalAdminToken}). */
    public AdminApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * A client of a started host's admin API, authenticated with the token its admin plane wrote for the
     * local CLI ({@code DATA/admin/cli-token}): the way to call the API of a host a test started itself.
     */
    public static AdminApiClient forHost(io.cohost.kernel.Host host) {
        return new AdminApiClient(host.adminUri(), TestHost.token(host.config().dataDir()));
    }

    /** The token this client sends, for tests that build their own requests. */
    public String token() {
        return token;
    }

    /** An answer of the API: its status and body, with the body parsed as JSON on demand. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }

        /** A field of the JSON body as text, "" when absent. */
        public String field(String name) {
            return json().path(name).asText("");
        }
    }

    public URI base() {
        return base;
    }

    public Reply apps() {
        return send(request("/api/apps").GET());
    }

    public Reply app(String name) {
        return send(request("/api/apps/" + name).GET());
    }

    /** The state of an app as the API reports it, or "ABSENT" when the API does not know it. */
    public String state(String name) {
        Reply reply = app(name);
        return reply.status() == 404 ? "ABSENT" : reply.field("state");
    }

    public Reply deploy(String name, Path war) {
        try {
            return deploy(name, BodyPublishers.ofFile(war));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply deploy(String name, byte[] war) {
        return deploy(name, BodyPublishers.ofByteArray(war));
    }

    public Reply deploy(String name, BodyPublisher body) {
        return send(request("/api/apps/" + name).header("Content-Type", "application/java-archive").PUT(body));
    }

    /**
     * Deploys as multipart/form-data: the WAR in part {@code war}, the app's descriptor (YAML or JSON)
     * in part {@code descriptor}.
     */
    public Reply deploy(String name, Path war, String descriptor) {
        String boundary = "cohost-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"descriptor\"\r\n"
                + "Content-Type: application/yaml\r\n\r\n" + descriptor + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"war\"; filename=\"" + war.getFileName() + "\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            return send(request("/api/apps/" + name).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .PUT(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(war),
                            BodyPublishers.ofByteArray(tail))));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stopped apps whose class loaders survive a garbage collection (forces a GC). */
    public Reply leaks() {
        return send(request("/api/leaks").GET());
    }

    public Reply start(String name) {
        return send(request("/api/apps/" + name + "/start").POST(BodyPublishers.noBody()));
    }

    public Reply stop(String name) {
        return send(request("/api/apps/" + name + "/stop").POST(BodyPublishers.noBody()));
    }

    public Reply restart(String name) {
        return send(request("/api/apps/" + name + "/restart").POST(BodyPublishers.noBody()));
    }

    public Reply setAccess(String name, String policyJson) {
        return send(request("/api/apps/" + name + "/access").header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(policyJson)));
    }

    public Reply undeploy(String name) {
        return send(request("/api/apps/" + name).DELETE());
    }

    public Reply setQuota(String name, String json) {
        return send(request("/api/apps/" + name + "/quota").header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json)));
    }

    public Reply logs(String name, int tail) {
        return send(request("/api/apps/" + name + "/logs?tail=" + tail).GET());
    }

    public Reply metrics() {
        return send(request("/metrics").GET());
    }

    /** A request to the admin API with this client's credentials, for a test to finish and send itself. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
