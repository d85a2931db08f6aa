package io.cohost.admin.security;

import io.cohost.admin.http.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers 413 before reading a body whose declared length is over the limit: the host's upload limit
 * for a WAR ({@code PUT /api/apps/NAME}), a small one for everything else. A client that sent
 * {@code Expect: 100-continue} (the CLI does) gets the answer before it sends the body. Bodies without
 * a declared length are capped while they are read (the deployer, {@link io.cohost.admin.http.RequestBodies}).
 */
public final class RequestSizeLimit extends Handler.Wrapper {
    private static final Pattern UPLOAD = Pattern.compile("/api/apps/([^/]+)");

    private final long maxUploadBytes;
    private final long maxBodyBytes;
    private final Json json;

    public RequestSizeLimit(long maxUploadBytes, long maxBodyBytes, Json json, Handler handler) {
        super(handler);
        this.maxUploadBytes = maxUploadBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Matcher app = UPLOAD.matcher(Request.getPathInContext(request));
        boolean upload = "PUT".equals(request.getMethod()) && app.matches();
        long limit = upload ? maxUploadBytes : maxBodyBytes;
        long length = request.getLength();
        if (length > limit) {
            json.error(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    (upload ? "app '" + app.group(1) + "': the upload (" : "the request body (") + length
                            + " bytes) is larger than the limit of " + limit + " bytes",
                    upload ? "send a smaller WAR, or start the host with a higher limit (cohost serve --max-upload-mb N)"
                            : "only WAR uploads may be large");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
