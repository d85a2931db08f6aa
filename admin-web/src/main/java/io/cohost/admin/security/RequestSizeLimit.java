package io.cohost.admin.security;

import io.cohost.admin.http.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers 413 before reading a body whose declared length is over the limit: the host's upload limit
 * for a WAR ({@code PUT /api/apps/NAME}), a small one for everything else. A client that sent
 * {@code Expect: 100-continue} (the CLI does) gets the answer before it sends the body. Bodies without
 * a declared length are capped while they are read (the deployer, {@link io.cohost.admin.http.RequestBodies}).
 *
 * <p>A client that sends the body unasked is still writing it when the answer is ready; if the host
 * answered and closed, the client's next write would meet a reset and it would lose the 413. So, as
 * Tomcat does with its swallow limit, a body of up to {@link #MAX_SWALLOW_BYTES} is read and dropped
 * before the answer; a larger one is refused at once and the connection closed.
 */
public final class RequestSizeLimit extends Handler.Wrapper {
    static final long MAX_SWALLOW_BYTES = 2L * 1024 * 1024;
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
        if (length <= limit) {
            return super.handle(request, response, callback);
        }
        String error = (upload ? "app '" + app.group(1) + "': the upload (" : "the request body (") + length
                + " bytes) is larger than the limit of " + limit + " bytes";
        String fix = upload ? "send a smaller WAR, or start the host with a higher limit (cohost serve --max-upload-mb N)"
                : "only WAR uploads may be large";
        Runnable refuse = () -> json.error(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, error, fix);
        boolean bodyOnTheWay = !request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
        if (bodyOnTheWay && length <= MAX_SWALLOW_BYTES) {
            Content.Source.consumeAll(request, Callback.from(refuse, callback::failed));
        } else {
            refuse.run();
        }
        return true;
    }
}
