package io.cohost.admin.api;

import io.cohost.admin.figures.FigureSampler;
import io.cohost.admin.http.AuditNote;
import io.cohost.admin.http.Json;
import io.cohost.admin.http.RequestBodies;
import io.cohost.governor.quota.Quota;
import io.cohost.governor.quota.Resource;
import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.HostManagement;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import io.cohost.kernel.management.AccessPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;

/**
 * The apps part of the REST API, over {@link HostManagement}, JSON in and out:
 *
 * <pre>
 * GET    /api/apps                          every app
 * GET    /api/apps/{name}                   one app with its quota, live meters and events
 * PUT    /api/apps/{name}[?contextPath=/p&amp;start=false&amp;cpu=250m&amp;memory=128Mi&amp;...]
 *                                           deploy or redeploy; body = the WAR, or multipart/form-data with
 *                                           part "war" (the WAR) and optional part "descriptor" (the app's
 *                                           descriptor, YAML or JSON); quota parameters are checked before
 *                                           the WAR is read and replace the app's, key by key
 * POST   /api/apps/{name}/start|stop|restart|rollback
 * GET    /api/apps/{name}/quota             {"app": ..., "quota": {"cpu": "250m", ...}}; host defaults apply to the rest
 * PUT    /api/apps/{name}/quota             body {"cpu": "250m", "memory": ""}: changes those keys ("" = host default)
 * GET    /api/apps/{name}/access            {"app": ..., "access": {"paths": {...}, "network": [...], "processes": false}}
 * PUT    /api/apps/{name}/access            body {"paths": {"/srv/x": "read"}, "network": ["db:5432"], "processes": false}:
 *                                           replaces what the app may use beyond its own files, applied at once
 * GET    /api/apps/{name}/logs?tail=N       the last N lines of the app's log (default 100)
 * GET    /api/apps/{name}/figures           live figures of the last 15 minutes, for the charts
 * DELETE /api/apps/{name}                   undeploy
 * </pre>
 */
public final class AppsApiHandler extends JsonApi {
    private static final Pattern APP = Pattern.compile(
            "/api/apps/([^/]+)(?:/(start|stop|restart|rollback|quota|access|logs|figures))?");

    private final HostManagement management;
    private final RequestBodies bodies;
    private final FigureSampler figures;
    private final MultipartDeploy multipart;

    /**
     * @param scratchDir     where a multipart upload's WAR part is spooled while it is parsed
     * @param maxUploadBytes largest WAR accepted
     */
    public AppsApiHandler(HostManagement management, RequestBodies bodies, FigureSampler figures, Json json,
            Path scratchDir, long maxUploadBytes) {
        super(json);
        this.management = management;
        this.bodies = bodies;
        this.figures = figures;
        this.multipart = new MultipartDeploy(scratchDir, maxUploadBytes);
    }

    @Override
    boolean serves(String path) {
        return path.equals("/api/apps") || path.startsWith("/api/apps/");
    }

    /**
     * The path as the client sent it, percent-decoded. Jetty resolves dot segments before handlers see
     * a request, so {@code PUT /api/apps/..} would arrive as {@code /api/} and get a bare 404; with the
     * path as sent, the app name rule refuses {@code ..} with a JSON error like any other bad name.
     */
    @Override
    String path(Request request) {
        String sent = request.getHttpURI().getPath();
        return sent != null && sent.startsWith("/api/apps/") ? URIUtil.decodePath(sent) : Request.getPathInContext(request);
    }

    @Override
    void route(String path, Request request, Response response, Callback callback) throws Exception {
        if (path.equals("/api/apps")) {
            requireMethod(request, "GET");
            json.send(response, callback, 200, Map.of("apps", management.apps()));
            return;
        }
        Matcher m = APP.matcher(path);
        if (!m.matches()) {
            throw new ManagementException(Kind.NOT_FOUND, "no such API path: " + path, "see GET /api/apps");
        }
        String name = m.group(1);
        String action = m.group(2);
        if (action == null) {
            app(name, request, response, callback);
            return;
        }
        switch (action) {
            case "quota" -> quota(name, request, response, callback);
            case "access" -> access(name, request, response, callback);
            case "logs" -> {
                requireMethod(request, "GET");
                int lines = lines(Request.extractQueryParameters(request).getValue("tail"));
                json.send(response, callback, 200, Map.of("app", name, "lines", management.logs(name, lines)));
            }
            case "figures" -> {
                requireMethod(request, "GET");
                management.app(name);
                json.send(response, callback, 200, Map.of("app", name, "intervalSeconds", figures.interval().toSeconds(),
                        "samples", figures.history(name)));
            }
            default -> {
                requireMethod(request, "POST");
                AppInfo info = switch (action) {
                    case "start" -> management.start(name);
                    case "stop" -> management.stop(name);
                    case "restart" -> management.restart(name);
                    default -> management.rollback(name);
                };
                AuditNote.detail(request, "now " + info.state() + " at version " + shortVersion(info.version()));
                json.send(response, callback, 200, info);
            }
        }
    }

    private void app(String name, Request request, Response response, Callback callback) throws Exception {
        switch (request.getMethod()) {
            case "GET" -> json.send(response, callback, 200, management.app(name));
            case "DELETE" -> {
                management.undeploy(name);
                json.send(response, callback, 200, Map.of("undeployed", name));
            }
            case "PUT" -> deploy(name, request, response, callback);
            default -> throw new MethodNotAllowed("GET, PUT, DELETE");
        }
    }

    private void deploy(String name, Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        boolean existed = management.apps().stream().anyMatch(a -> a.name().equals(name));
        Map<String, String> quota = new LinkedHashMap<>();
        for (Resource r : Resource.values()) {
            if (query.getValue(r.key()) != null) {
                quota.put(r.key(), query.getValue(r.key()));
            }
        }
        Quota.parse(quota); // a wrong value is refused before a byte of the WAR is read
        DeployRequest deploy = DeployRequest.defaults()
                .withContextPath(query.getValue("contextPath"))
                .withStart(!"false".equalsIgnoreCase(query.getValue("start")))
                .withQuota(quota);
        AppInfo info;
        if (MultipartDeploy.isMultipart(request)) {
            info = multipart.deploy(name, request, deploy, management);
        } else {
            try (InputStream body = Content.Source.asInputStream(request)) {
                info = management.deploy(name, body, deploy);
            } catch (IOException e) {
                throw MultipartDeploy.cutOff(name, e);
            }
        }
        AuditNote.detail(request, "version " + shortVersion(info.version()) + " at " + info.contextPath()
                + ", " + info.state() + (quota.isEmpty() ? "" : ", quota " + quota));
        json.send(response, callback, existed ? 200 : 201, info);
    }

    private void quota(String name, Request request, Response response, Callback callback) {
        switch (request.getMethod()) {
            case "GET" -> json.send(response, callback, 200, Map.of("app", name, "quota", management.app(name).quota()));
            case "PUT" -> {
                Map<String, String> changes = new LinkedHashMap<>();
                bodies.jsonObject(request).forEach((k, v) -> changes.put(k, v == null ? "" : String.valueOf(v)));
                AppInfo info = management.setQuota(name, changes);
                AuditNote.detail(request, "set " + changes + ", now " + info.quota());
                json.send(response, callback, 200, info);
            }
            default -> throw new MethodNotAllowed("GET, PUT");
        }
    }

    private void access(String name, Request request, Response response, Callback callback) {
        switch (request.getMethod()) {
            case "GET" -> json.send(response, callback, 200, Map.of("app", name, "access", management.app(name).access()));
            case "PUT" -> {
                AccessPolicy access = accessPolicy(bodies.jsonObject(request));
                AppInfo info = management.setAccess(name, access);
                AuditNote.detail(request, "paths " + access.paths() + ", network " + access.network() + ", processes "
                        + (access.processes() ? "allowed" : "refused"));
                json.send(response, callback, 200, info);
            }
            default -> throw new MethodNotAllowed("GET, PUT");
        }
    }

    /** Every field is optional: no grants, any destination, no processes. */
    private AccessPolicy accessPolicy(Map<String, Object> body) {
        try {
            return json.mapper().convertValue(body, AccessPolicy.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String problem = cause instanceof IllegalArgumentException invalid ? invalid.getMessage() : e.getMessage();
            throw new ManagementException(Kind.INVALID, "invalid access policy: " + problem,
                    "send e.g. {\"paths\": {\"/srv/shared\": \"read\"}, \"network\": [\"db.internal:5432\"], \"processes\": false}");
        }
    }

    private static int lines(String tail) {
        if (tail == null) {
            return 100;
        }
        try {
            return Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new ManagementException(Kind.INVALID, "invalid tail '" + tail + "'", "give the number of lines, e.g. ?tail=200");
        }
    }

    private static String shortVersion(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }
}
