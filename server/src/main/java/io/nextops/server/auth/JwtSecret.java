package io.nextops.server.auth;

import io.nextops.server.config.AuthConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 key: {@code JWT_SECRET} when set; otherwise a random one generated once and kept in
 * {@code $NEXTOPS_DATA_DIR/jwt-secret} (mode 0600), so tokens survive a restart of the embedded setup. Thread-safe
 * (stateless).
 */
final class JwtSecret {
    static final String FILE_NAME = "jwt-secret";
    private static final Logger log = LoggerFactory.getLogger(JwtSecret.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private JwtSecret() {}

    static byte[] resolve(String configured, Path dataDir) {
        if (configured != null) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] secret = Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
            if (secret.length < AuthConfig.MIN_SECRET_BYTES) {
                throw new IllegalStateException(file + " holds fewer than " + AuthConfig.MIN_SECRET_BYTES
                        + " bytes; delete it to have a new secret generated (existing tokens become invalid)");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        try {
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            try {
                // a hard link appears atomically and never replaces: when another process won the race, its secret
                // stays and both read it (a rename would silently replace it)
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
            }
            log.info("generated a new JWT secret in {}", file);
        } catch (FileAlreadyExistsException e) {
            log.info("JWT secret in {} was created concurrently; using it", file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
