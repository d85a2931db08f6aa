package io.cohost.admin.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/** Reads small request bodies (JSON, forms) with a cap, so a client cannot make the admin plane buffer without end. */
public final class RequestBodies {
    private final int maxBytes;
    private final ObjectMapper mapper;

    public RequestBodies(int maxBytes, ObjectMapper mapper) {
        this.maxBytes = maxBytes;
        this.mapper = mapper;
    }

    /** A JSON object body; an empty body is an empty object. */
    public Map<String, Object> jsonObject(Request request) {
        String text = text(request);
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new ManagementException(Kind.INVALID, "the request body is not a JSON object",
                    "send a JSON object such as {\"name\": \"value\"}");
        }
    }

    /** An {@code application/x-www-form-urlencoded} body. */
    public Fields form(Request request) {
        Fields fields = new Fields();
        try {
            UrlEncoded.decodeUtf8To(text(request), fields);
        } catch (IllegalArgumentException e) {
            throw new ManagementException(Kind.INVALID, "the form is not valid UTF-8 form data", "send it as a browser would");
        }
        return fields;
    }

    private String text(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ManagementException(Kind.TOO_LARGE, "the request body is larger than " + maxBytes + " bytes",
                        "send less; only WAR uploads may be large");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManagementException(Kind.INVALID, "the request body could not be read: " + e.getMessage(), "send it again");
        }
    }
}
