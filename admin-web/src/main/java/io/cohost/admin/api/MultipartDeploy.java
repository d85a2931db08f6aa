package io.cohost.admin.api;

import io.cohost.kernel.management.AppInfo;
import io.cohost.kernel.management.DeployRequest;
import io.cohost.kernel.management.HostManagement;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A deploy sent as {@code multipart/form-data}: the WAR in part {@code war}, the operator's descriptor
 * (YAML or JSON) in optional part {@code descriptor}. The WAR part is spooled to a scratch directory
 * while the parts are parsed, within the host's upload limit.
 */
final class MultipartDeploy {
    private static final long MAX_DESCRIPTOR_BYTES = 1 << 20;

    private final Path scratchDir;
    private final long maxUploadBytes;

    MultipartDeploy(Path scratchDir, long maxUploadBytes) {
        this.scratchDir = scratchDir;
        this.maxUploadBytes = maxUploadBytes;
    }

    static boolean isMultipart(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    AppInfo deploy(String name, Request request, DeployRequest deploy, HostManagement management) throws Exception {
        String boundary = MultiPart.extractBoundary(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
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
        } catch (ExecutionException e) {
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
                return management.deploy(name, body, withDescriptor);
            } catch (IOException e) {
                throw cutOff(name, e);
            }
        }
    }

    static ManagementException cutOff(String name, IOException e) {
        return new ManagementException(Kind.INVALID, "app '" + name + "': the upload was cut off: " + e.getMessage(),
                "send the whole WAR again");
    }
}
