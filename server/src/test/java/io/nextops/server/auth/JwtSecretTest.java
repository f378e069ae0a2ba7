package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretTest {
    @TempDir
    Path dataDir;

    @Test
    void configuredSecretIsUsedAsIsAndNoFileIsWritten() {
        byte[] secret = JwtSecret.resolve("configured-secret-of-at-least-32-bytes", dataDir);
        assertThat(new String(secret, StandardCharsets.UTF_8)).isEqualTo("configured-secret-of-at-least-32-bytes");
        assertThat(dataDir.resolve(JwtSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    void generatedSecretIsKeptOwnerOnlyAndReusedAfterARestart() throws Exception {
        byte[] first = JwtSecret.resolve(null, dataDir.resolve("sub"));
        Path file = dataDir.resolve("sub").resolve(JwtSecret.FILE_NAME);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.length).isGreaterThanOrEqualTo(64);
        assertThat(JwtSecret.resolve(null, dataDir.resolve("sub"))).isEqualTo(first);
        try (var files = Files.list(dataDir.resolve("sub"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aTooShortSecretFileIsRefused() throws Exception {
        Files.writeString(dataDir.resolve(JwtSecret.FILE_NAME), "short\n");
        assertThatThrownBy(() -> JwtSecret.resolve(null, dataDir))
                .hasMessageContaining("fewer than 32 bytes").hasMessageNotContaining("short\n");
    }
}
