package io.cohost.admin;

import io.cohost.kernel.management.access.AdminCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test client of the admin plane over real HTTP, with the credentials a test gives it: a bearer
 * token, a browser session (cookie and CSRF token), or none. It never follows redirects, so tests see them.
 */
public final class AdminHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]*)\"");

    private final URI base;
    private final Optional<String> token;
    private final Optional<String> cookie;
    private final Optional<String> csrf;

    public AdminHttp(URI base) {
        this(base, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private AdminHttp(URI base, Optional<String> token, Optional<String> cookie, Optional<String> csrf) {
        this.base = base;
        this.token = token;
        this.cookie = cookie;
        this.csrf = csrf;
    }

    public AdminHttp withToken(String t) {
        return new AdminHttp(base, Optional.of(t), cookie, csrf);
    }

    public AdminHttp withCsrf(String c) {
        return new AdminHttp(base, token, cookie, Optional.of(c));
    }

    public AdminHttp withoutCsrf() {
        return new AdminHttp(base, token, cookie, Optional.empty());
    }

    public Optional<String> csrf() {
        return csrf;
    }

    /** Logs in as the admin with the test password; the returned client carries the session. */
    public AdminHttp login() throws IOException, InterruptedException {
        HttpResponse<String> r = postLogin(AdminCredentials.USER, TestHost.PASSWORD);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = CSRF.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in " + r.body());
        }
        return new AdminHttp(base, token, Optional.of(setCookie.substring(0, setCookie.indexOf(';'))), Optional.of(m.group(1)));
    }

    public HttpResponse<String> postLogin(String user, String password) throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/java-archive").PUT(body));
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A request to the admin plane with this client's credentials, for a test to finish and {@link #send} itself. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        cookie.ifPresent(c -> b.header("Cookie", c));
        csrf.ifPresent(c -> b.header("X-CSRF-Token", c));
        return b;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
