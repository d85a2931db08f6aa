package io.cohost.kernel.management.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes: PBKDF2-HMAC-SHA256 from the JDK (a required algorithm of every Java
 * platform), at the OWASP 2023 work factor of 600,000 iterations, stored as a PHC-style string
 *
 * <pre>$pbkdf2-sha256$i=600000$SALT$HASH</pre>
 *
 * (salt and hash in unpadded Base64). The iteration count travels with the hash, so it can be raised
 * later without invalidating stored passwords.
 */
public final class PasswordHash {
    static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Pattern FORMAT = Pattern.compile("\\$pbkdf2-sha256\\$i=(\\d{1,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    public static String create(char[] password) {
        return create(password, ITERATIONS);
    }

    static String create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$pbkdf2-sha256$i=" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations, HASH_BITS));
    }

    /** Whether the password matches the stored hash; false for a stored value that is not a hash of this kind. */
    public static boolean verify(char[] password, String stored) {
        Matcher m = FORMAT.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(m.group(1));
        byte[] salt = Base64.getDecoder().decode(m.group(2));
        byte[] expected = Base64.getDecoder().decode(m.group(3));
        if (iterations < 1 || expected.length == 0) {
            return false;
        }
        byte[] actual = derive(password, salt, iterations, expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Clears a password from memory once it has been used. */
    static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
