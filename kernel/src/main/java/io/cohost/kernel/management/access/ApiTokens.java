package io.cohost.kernel.management.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Bearer tokens for API clients (the CLI, scripts, Prometheus), kept in {@code DATA/admin/tokens.json}.
 * Only a token's SHA-256 is stored; the token itself is shown once, when it is created. A token is 256
 * random bits, so a fast hash is enough: there is nothing to guess that a slow hash would protect.
 *
 * <p>The file is read afresh on every check, so a token created or revoked by another process (the
 * CLI, a test) counts at once; changes are serialised by a lock within the JVM and a file lock between
 * processes.
 */
public final class ApiTokens {
    /** Prefix of every token, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "cohost_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@:()-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /** A token as listed: everything but its secret. */
    public record TokenInfo(String id, String name, String createdAt, String createdBy) {}

    /** A token just created: its secret is in {@code token} and nowhere else. */
    public record IssuedToken(TokenInfo info, String token) {}

    record StoredToken(String id, String name, String sha256, String createdAt, String createdBy) {
        TokenInfo info() {
            return new TokenInfo(id, name, createdAt, createdBy);
        }
    }

    record Stored(List<StoredToken> tokens) {
        Stored {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ApiTokens(Path file) {
        this.file = file;
    }

    public static ApiTokens in(Path dataDir) {
        return new ApiTokens(AdminFiles.dir(dataDir).resolve("tokens.json"));
    }

    public IssuedToken create(String name, String createdBy) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ManagementException(Kind.INVALID, "invalid token name '" + name + "'",
                    "use 1 to 64 letters, digits, spaces and . _ @ : ( ) -, starting with a letter or digit, e.g. 'prometheus'");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[4];
        RANDOM.nextBytes(idBytes);
        StoredToken stored = new StoredToken(HexFormat.of().formatHex(idBytes), name, sha256(token),
                Instant.now().toString(), createdBy);
        update(tokens -> tokens.add(stored));
        return new IssuedToken(stored.info(), token);
    }

    public List<TokenInfo> list() {
        return read().tokens().stream().map(StoredToken::info).toList();
    }

    /** Revokes a token; it stops working with the next request. */
    public TokenInfo revoke(String id) {
        TokenInfo[] removed = new TokenInfo[1];
        update(tokens -> tokens.removeIf(t -> {
            if (t.id().equals(id)) {
                removed[0] = t.info();
                return true;
            }
            return false;
        }));
        if (removed[0] == null) {
            throw new ManagementException(Kind.NOT_FOUND, "no API token with id '" + id + "'", "list the tokens with GET /api/tokens");
        }
        return removed[0];
    }

    /** The token a secret belongs to, if it is one of ours and not revoked. */
    public Optional<TokenInfo> verify(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = sha256(token).getBytes(StandardCharsets.US_ASCII);
        for (StoredToken t : read().tokens()) {
            if (MessageDigest.isEqual(hash, t.sha256().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(t.info());
            }
        }
        return Optional.empty();
    }

    private interface Change {
        void apply(List<StoredToken> tokens);
    }

    private void update(Change change) {
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            try {
                AdminFiles.createDir(file.getParent().getParent());
                try (FileChannel lockFile = FileChannel.open(file.resolveSibling(".tokens.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = lockFile.lock()) {
                    List<StoredToken> tokens = new ArrayList<>(read().tokens());
                    change.apply(tokens);
                    AdminFiles.writePrivate(file, json.writeValueAsBytes(new Stored(tokens)));
                }
            } catch (IOException e) {
                throw new ManagementException(Kind.INTERNAL, "cannot save the API tokens in " + file + ": " + e.getMessage(),
                        "check free space and permissions of the data directory", e);
            }
        }
    }

    private Stored read() {
        if (!Files.isRegularFile(file)) {
            return new Stored(List.of());
        }
        try {
            return json.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API tokens in " + file + "; fix or remove the file", e);
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
