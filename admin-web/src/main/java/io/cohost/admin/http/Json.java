package io.cohost.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** JSON encoding of admin responses: ISO-8601 instants, no caching; errors as {@code {"error": ..., "detail": ...}}. */
public final class Json {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void send(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            status = 500;
            bytes = ("{\"error\":\"cannot encode the response\",\"detail\":\"" + e.getOriginalMessage().replace('"', '\'') + "\"}").getBytes();
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** An error answer; the message also goes into the request's audit entry. */
    public void error(Request request, Response response, Callback callback, int status, String error, String detail) {
        AuditNote.detail(request, error);
        send(response, callback, status, Map.of("error", error, "detail", detail == null ? "" : detail));
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
