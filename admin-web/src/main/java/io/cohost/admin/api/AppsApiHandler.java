package io.cohost.admin.api;

import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.HostManagement;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;

/**
 * The REST API over {@link HostManagement}, JSON in and out:
 *
 * <pre>
 * GET    /api/apps                          every app
 * GET    /api/apps/{name}                   one app with its events
 * PUT    /api/apps/{name}[?contextPath=/p&amp;start=false]   deploy or redeploy; body = the WAR, or
 *                                           multipart/form-data with part "war" (the WAR) and optional
 *                                           part "descriptor" (the app's descriptor, YAML or JSON)
 * POST   /api/apps/{name}/start|stop|restart
 * GET    /api/apps/{name}/logs?tail=N       the last N lines of the app's log
 * PUT    /api/apps/{name}/quota             change quotas; body {"cpu":"250m","memory":"128Mi",...}
 * (PUT /api/apps/{name} also takes quotas as query parameters: ?cpu=250m&amp;threads=50)
 * DELETE /api/apps/{name}                   undeploy
 * </pre>
 *
 * Errors are {@code {"error": ..., "detail": ...}} with a status that says whose fault it is.
 */
public final class AppsApiHandler extends Handler.Abstract {
    private static final Pattern APP = Pattern.compile("/api/apps/([^/]+)(?:/(start|stop|restart|logs|quota))?");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppsApiHandler.class);
    private static final long MAX_DESCRIPTOR_BYTES = 1 << 20;

    private final HostManagement management;
    private final Json json;
    private final Path scratchDir;
    private final long maxUploadBytes;

    /**
     * @param scratchDir     where a multipart upload's WAR part is spooled while it is parsed
     * @param maxUploadBytes largest WAR accepted
     */
    public AppsApiHandler(HostManagement management, Json json, Path scratchDir, long maxUploadBytes) {
        this.management = management;
        this.json = json;
        this.scratchDir = scratchDir;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = requestedPath(request);
        if (!path.equals("/api/apps") && !path.startsWith("/api/apps/")) {
            return false;
        }
        try {
            route(path, request, response, callback);
        } catch (ManagementException e) {
            json.send(response, callback, statusOf(e.kind()), Map.of("error", e.getMessage(), "detail", e.detail()));
        } catch (Exception e) {
            LOG.warn("admin API: {} {} failed", request.getMethod(), path, e);
            json.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                    Map.of("error", "internal error: " + e, "detail", "see the host's log"));
        }
        return true;
    }

    /**
     * The path as the client sent it, percent-decoded. Jetty resolves dot segments before handlers see
     * a request, so {@code PUT /api/apps/..} would arrive as {@code /api/} and get a bare 404; with the
     * path as sent, the app name rule refuses {@code ..} with a JSON error like any other bad name.
     */
    private static String requestedPath(Request request) {
        String sent = request.getHttpURI().getPath();
        return sent != null && sent.startsWith("/api/apps/") ? URIUtil.decodePath(sent) : Request.getPathInContext(request);
    }

    private void route(String path, Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (path.equals("/api/apps")) {
            requireMethod(method, "GET");
            json.send(response, callback, 200, Map.of("apps", management.apps()));
            return;
        }
        Matcher m = APP.matcher(path);
        if (!m.matches()) {
            throw new ManagementException(Kind.NOT_FOUND, "no such API path: " + path, "see GET /api/apps");
        }
        String name = m.group(1);
        String action = m.group(2);
        if ("logs".equals(action)) {
            requireMethod(method, "GET");
            String tail = Request.extractQueryParameters(request).getValue("tail");
            int lines = parseLines(tail);
            json.send(response, callback, 200, Map.of("app", name, "lines", management.logs(name, lines)));
            return;
        }
        if ("quota".equals(action)) {
            requireMethod(method, "PUT");
            json.send(response, callback, 200, management.setQuota(name, readQuota(request)));
            return;
        }
        if (action != null) {
            requireMethod(method, "POST");
            AppInfo info = switch (action) {
                case "start" -> management.start(name);
                case "stop" -> management.stop(name);
                default -> management.restart(name);
            };
            json.send(response, callback, 200, info);
            return;
        }
        switch (method) {
            case "GET" -> json.send(response, callback, 200, management.app(name));
            case "DELETE" -> {
                management.undeploy(name);
                json.send(response, callback, 200, Map.of("undeployed", name));
            }
            case "PUT" -> deploy(name, request, response, callback);
            default -> throw methodNotAllowed(method, "GET, PUT, DELETE");
        }
    }

    private void deploy(String name, Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        boolean existed = management.apps().stream().anyMatch(a -> a.name().equals(name));
        java.util.Map<String, String> quota = new java.util.LinkedHashMap<>();
        for (String key : QUOTA_KEYS) {
            if (query.getValue(key) != null) {
                quota.put(key, query.getValue(key));
            }
        }
        DeployRequest deploy = DeployRequest.defaults()
                .withContextPath(query.getValue("contextPath"))
                .withStart(!"false".equalsIgnoreCase(query.getValue("start")))
                .withQuota(quota);
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            deployMultipart(name, request, response, callback, deploy, contentType, existed);
            return;
        }
        try (InputStream body = Content.Source.asInputStream(request)) {
            AppInfo info = management.deploy(name, body, deploy);
            json.send(response, callback, existed ? 200 : 201, info);
        } catch (java.io.IOException e) {
            throw cutOff(name, e);
        }
    }

    private static final java.util.List<String> QUOTA_KEYS =
            java.util.List.of("cpu", "memory", "files", "threads", "requestCpu", "concurrency");

    /** The body of PUT .../quota: a JSON object of quota values, e.g. {"cpu": "250m", "memory": "128Mi"}. */
    private java.util.Map<String, String> readQuota(Request request) {
        try (InputStream body = Content.Source.asInputStream(request)) {
            java.util.Map<?, ?> raw = json.mapper().readValue(body, java.util.Map.class);
            java.util.Map<String, String> quota = new java.util.LinkedHashMap<>();
            raw.forEach((k, v) -> quota.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            return quota;
        } catch (java.io.IOException e) {
            throw new ManagementException(Kind.INVALID, "the quota must be a JSON object: " + e.getMessage(),
                    "send e.g. {\"cpu\": \"250m\", \"memory\": \"128Mi\", \"threads\": \"50\"}");
        }
    }

    private static int parseLines(String tail) {
        if (tail == null) {
            return 100;
        }
        try {
            return Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new ManagementException(Kind.INVALID, "invalid tail '" + tail + "'", "give the number of lines, e.g. ?tail=200");
        }
    }

    /** The WAR in part "war", the operator's descriptor in part "descriptor". */
    private void deployMultipart(String name, Request request, Response response, Callback callback, DeployRequest deploy,
            String contentType, boolean existed) throws Exception {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null) {
            throw new ManagementException(Kind.INVALID, "app '" + name + "': multipart upload without a boundary",
                    "send Content-Type: multipart/form-data; boundary=...");
        }
        Files.createDirectories(scratchDir);
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setFilesDirectory(scratchDir);
        parser.setMaxMemoryFileSize(MAX_DESCRIPTOR_BYTES);
        parser.setMaxLength(maxUploadBytes + MAX_DESCRIPTOR_BYTES);
        parser.setMaxParts(4);
        MultiPartFormData.Parts parts;
        try {
            parts = parser.parse(request).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ManagementException(Kind.INVALID, "app '" + name + "': the multipart upload cannot be read: "
                    + e.getCause().getMessage(), "send parts 'war' (the WAR file) and 'descriptor' (YAML or JSON), within the upload limit");
        }
        try (parts) {
            MultiPart.Part war = parts.getFirst("war");
            if (war == null) {
                throw new ManagementException(Kind.INVALID, "app '" + name + "': the multipart upload has no part named 'war'",
                        "send the WAR file in a part named 'war' and the descriptor in a part named 'descriptor'");
            }
            MultiPart.Part descriptor = parts.getFirst("descriptor");
            DeployRequest withDescriptor = descriptor == null ? deploy
                    : deploy.withDescriptor(descriptor.getContentAsString(StandardCharsets.UTF_8));
            try (InputStream body = Content.Source.asInputStream(war.createContentSource())) {
                AppInfo info = management.deploy(name, body, withDescriptor);
                json.send(response, callback, existed ? 200 : 201, info);
            } catch (java.io.IOException e) {
                throw cutOff(name, e);
            }
        }
    }

    private static ManagementException cutOff(String name, java.io.IOException e) {
        return new ManagementException(Kind.INVALID, "app '" + name + "': the upload was cut off: " + e.getMessage(),
                "send the whole WAR again");
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw methodNotAllowed(method, allowed);
        }
    }

    private static ManagementException methodNotAllowed(String method, String allowed) {
        return new ManagementException(Kind.CONFLICT, "method " + method + " is not allowed here", "use " + allowed);
    }

    static int statusOf(Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case START_FAILED -> 422;
            case INTERNAL -> 500;
        };
    }
}
