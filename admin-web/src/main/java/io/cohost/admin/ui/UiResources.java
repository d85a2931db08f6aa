package io.cohost.admin.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin UI: a few static pages whose scripts call the REST API, served from this jar. Only the
 * files listed here exist, loaded once at start, so no path can reach anything else on the class path.
 *
 * <pre>
 * /              overview.html     /apps/NAME   app.html     /tokens   tokens.html
 * /deploy        deploy.html       /login       login.html   /audit    audit.html
 * /static/FILE   scripts, styles, icon
 * </pre>
 *
 * Pages are plain HTML with external scripts and no inline script or style, so the content security
 * policy can forbid both.
 */
public final class UiResources extends Handler.Abstract.NonBlocking {
    private static final String BASE = "/io/cohost/admin/ui/";
    private static final Map<String, String> PAGES = Map.of("/", "overview.html", "/deploy", "deploy.html",
            "/tokens", "tokens.html", "/audit", "audit.html", "/login", "login.html");
    private static final Pattern APP_PAGE = Pattern.compile("/apps/[a-z0-9-]{1,63}");
    private static final List<String> ASSETS = List.of("cohost.css", "favicon.svg", "common.js", "chart.js", "login.js",
            "overview.js", "deploy.js", "app.js", "tokens.js", "audit.js");

    private record Resource(byte[] bytes, String contentType, String etag) {}

    private final Map<String, Resource> byPath = new HashMap<>();

    public UiResources() {
        PAGES.forEach((path, file) -> byPath.put(path, load(file)));
        byPath.put("/apps/*", load("app.html"));
        for (String asset : ASSETS) {
            byPath.put("/static/" + asset, load(asset));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        String path = Request.getPathInContext(request);
        Resource resource = byPath.get(APP_PAGE.matcher(path).matches() ? "/apps/*" : path);
        if (resource == null) {
            return false;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, resource.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.ETAG, resource.etag());
        if (resource.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(resource.bytes()), callback);
        return true;
    }

    private static Resource load(String file) {
        try (InputStream in = UiResources.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("the admin UI file " + BASE + file + " is missing from the admin-web jar");
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
            return new Resource(bytes, contentType(file), etag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin UI file " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (file.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalArgumentException("no content type known for " + file);
    }
}
