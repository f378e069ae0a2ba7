package io.nextops.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in Django's default format, {@code pbkdf2_sha256$<iterations>$<salt>$<base64 of 32 bytes>}, computed
 * with the JDK's {@code PBKDF2WithHmacSHA256} (password and salt as UTF-8, as Django does), so that the original's
 * {@code accounts_user.password} column verifies here unchanged and our hashes verify in Django. Thread-safe.
 *
 * <pre>{@code
 * PasswordHasher hasher = new PasswordHasher(600_000);
 * String encoded = hasher.hash("s3cret-pass");     // pbkdf2_sha256$600000$<22 chars>$<44 chars>
 * boolean ok = hasher.verify("s3cret-pass", encoded);
 * }</pre>
 *
 * <p>Other Django hashers (argon2, bcrypt, pbkdf2_sha1) and unusable passwords ({@code !...}) never verify.
 */
public final class PasswordHasher {
    static final String ALGORITHM = "pbkdf2_sha256";
    // Django's salt: 22 characters of [a-zA-Z0-9], about 128 bits
    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SALT_LENGTH = 22;
    // a stored hash is trusted input, but a corrupt one must not pin a CPU for minutes
    private static final int MAX_ITERATIONS = 50_000_000;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private volatile String dummy;

    /** Hashes new passwords with {@code iterations} rounds (Django 4.2 uses 600000). */
    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
        }
        this.iterations = iterations;
    }

    /** The iteration count of new hashes. */
    public int iterations() {
        return iterations;
    }

    /** A new encoded hash of {@code password} with a fresh random salt. */
    public String hash(String password) {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) {
            salt.append(SALT_CHARS.charAt(random.nextInt(SALT_CHARS.length())));
        }
        return encode(password, salt.toString(), iterations);
    }

    /** Django's {@code make_password(password, salt, "pbkdf2_sha256")} with {@code iterations}. */
    static String encode(String password, String salt, int iterations) {
        if (salt.indexOf('$') >= 0) {
            throw new IllegalArgumentException("salt must not contain '$'");
        }
        byte[] derived = pbkdf2(password, salt, iterations);
        return ALGORITHM + "$" + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(derived);
    }

    /**
     * True when {@code password} matches {@code encoded}. Compares in constant time; false (never an exception) for a
     * null, malformed, unusable or foreign-algorithm hash.
     */
    public boolean verify(String password, String encoded) {
        if (password == null || encoded == null) {
            return false;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM) || parts[2].isEmpty()) {
            return false;
        }
        int rounds;
        try {
            rounds = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (rounds < 1 || rounds > MAX_ITERATIONS) {
            return false;
        }
        byte[] expected = parts[3].getBytes(StandardCharsets.US_ASCII);
        byte[] actual = Base64.getEncoder().encodeToString(pbkdf2(password, parts[2], rounds))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Spends the time of one verification and returns false: used when the user does not exist, so that the answer
     * takes about as long as for a wrong password.
     */
    public boolean verifyNothing(String password) {
        String d = dummy;
        if (d == null) {
            // made on first use: a racing second thread just makes its own
            d = hash("dummy password for unknown users");
            dummy = d;
        }
        verify(password == null ? "" : password, d);
        return false;
    }

    /** True when {@code encoded} is ours but weaker than new hashes (fewer iterations): rehash after a good login. */
    public boolean needsRehash(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            return Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String password, String salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256);
        try {
            // the JDK encodes the password characters as UTF-8, as Django's force_bytes does
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
