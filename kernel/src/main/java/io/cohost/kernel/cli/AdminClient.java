package io.cohost.kernel.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A small HTTP client for the admin REST API; the CLI's only way to the host. Sends the API token if it has one. */
final class AdminClient {
    private final URI base;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    boolean hasToken() {
        return token.isPresent();
    }

    record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply putJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply putFile(String path, Path file) throws IOException, InterruptedException {
        // No Expect: 100-continue: JDK 17's client hangs when the answer to it is a refusal (413, 401).
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/java-archive")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)));
    }

    /** The WAR and the app's descriptor as multipart/form-data parts "war" and "descriptor". */
    Reply putWarWithDescriptor(String path, Path war, String descriptor) throws IOException, InterruptedException {
        String boundary = "cohost-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"descriptor\"\r\n"
                + "Content-Type: application/yaml\r\n\r\n" + descriptor + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"war\"; filename=\"app.war\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(war), HttpRequest.BodyPublishers.ofByteArray(tail));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary).PUT(body));
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            HttpResponse<String> r = http.send(request.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (ConnectException e) {
            throw new IOException("cannot reach the Cohost admin API at " + base
                    + "; is the host running ('cohost serve')? Use --admin URL if it listens elsewhere", e);
        }
    }
}
