package io.cohost.kernel.management.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An API token for the operator on the host's own machine, in {@code DATA/admin/cli-token} (owner
 * read/write only). The admin plane makes sure it holds a valid token at every start; the CLI reads it
 * when it is given no token, so {@code cohost apps} works next to {@code cohost serve} without setup,
 * and tests get a client the same way:
 *
 * <pre>
 * String token = LocalAdminToken.read(host.config().dataDir()).orElseThrow();
 * HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
 * </pre>
 *
 * Whoever can read the data directory can already replace every app's WAR, so the file gives no one
 * more than they have. Revoking the token ends it at once; the next start writes a new one.
 */
public final class LocalAdminToken {
    /** The name the token is listed under. */
    public static final String NAME = "local cli";

    private LocalAdminToken() {}

    public static Path file(Path dataDir) {
        return AdminFiles.dir(dataDir).resolve("cli-token");
    }

    public static Optional<String> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Keeps the file's token if it is still valid, else creates a token and writes it. */
    public static void ensure(Path dataDir, ApiTokens tokens) throws IOException {
        Optional<String> current = read(dataDir);
        if (current.isPresent() && tokens.verify(current.get()).isPresent()) {
            return;
        }
        ApiTokens.IssuedToken issued = tokens.create(NAME, "host start");
        AdminFiles.writePrivate(file(dataDir), (issued.token() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
