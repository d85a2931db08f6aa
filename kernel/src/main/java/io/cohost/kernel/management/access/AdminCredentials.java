package io.cohost.kernel.management.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The admin's login, stored as {@code DATA/admin/credentials.json} with the password as a salted
 * PBKDF2 hash only ({@link PasswordHash}). There are no default credentials: the first start
 * {@linkplain #createIfMissing() generates} a strong password and shows it once; {@code cohost admin
 * reset-password} {@linkplain #reset() replaces} it.
 */
public final class AdminCredentials {
    /** The one admin account's user name. */
    public static final String USER = "admin";
    /** 24 characters of an unambiguous 56-letter alphabet: about 139 bits. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Stored(String user, String passwordHash, String changedAt) {}

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdminCredentials(Path file) {
        this.file = file;
    }

    public static AdminCredentials in(Path dataDir) {
        return new AdminCredentials(AdminFiles.dir(dataDir).resolve("credentials.json"));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Creates the credential with a generated password if there is none; returns that password, to be shown once. */
    public synchronized Optional<String> createIfMissing() throws IOException {
        if (exists()) {
            return Optional.empty();
        }
        return Optional.of(reset());
    }

    /** Replaces the password with a newly generated one and returns it, to be shown once. */
    public synchronized String reset() throws IOException {
        String password = generatePassword();
        setPassword(password.toCharArray());
        return password;
    }

    /** Sets the password (tests and scripted setups). The array is cleared afterwards. */
    public synchronized void setPassword(char[] password) throws IOException {
        try {
            if (password.length < 12) {
                throw new IllegalArgumentException("the admin password must have at least 12 characters");
            }
            Stored stored = new Stored(USER, PasswordHash.create(password), Instant.now().toString());
            AdminFiles.writePrivate(file, json.writeValueAsBytes(stored));
        } finally {
            PasswordHash.wipe(password);
        }
    }

    /** Checks a login against the stored credential. The password array is cleared afterwards. */
    public boolean verify(String user, char[] password) {
        try {
            Optional<Stored> stored = read();
            // Hash even for a wrong user name, so the answer takes as long either way.
            boolean matches = PasswordHash.verify(password, stored.map(Stored::passwordHash).orElseGet(() -> NoCredential.HASH));
            return matches && stored.isPresent() && USER.equals(user);
        } finally {
            PasswordHash.wipe(password);
        }
    }

    /**
     * Identifies the current credential without revealing it; it changes when the password is reset,
     * so sessions opened with the old password can be ended. Empty when there is no credential.
     */
    public String fingerprint() {
        return read().map(s -> sha256(s.passwordHash())).orElse("");
    }

    private Optional<Stored> read() {
        if (!exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Stored.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage()
                    + "; reset the admin password with 'cohost admin reset-password --data DIR'", e);
        }
    }

    static String generatePassword() {
        StringBuilder b = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** A hash to check against when there is no credential; made on first need, since it costs as much as a login. */
    private static final class NoCredential {
        static final String HASH = PasswordHash.create("no credential is stored".toCharArray());
    }
}
