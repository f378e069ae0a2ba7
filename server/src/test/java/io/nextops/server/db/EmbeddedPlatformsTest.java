package io.nextops.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The zero-config database runs on linux-amd64 and linux-arm64: zonky maps {@code os.arch} to a machine name and
 * loads {@code postgres-linux-<machine>.txz} from the class path, so both archives must be on the server's.
 */
class EmbeddedPlatformsTest {
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

    @Test
    void bothLinuxArchitecturesHaveTheirBinariesOnTheClassPath() throws IOException {
        for (String osArch : new String[] {"amd64", "x86_64", "aarch64", "arm64"}) {
            String machine = ArchUtils.normalize(osArch);
            try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", machine)) {
                assertThat(archive).as("binaries for os.arch=%s (%s)", osArch, machine).isNotNull();
                assertThat(archive.readNBytes(XZ_MAGIC.length)).as("an xz archive").isEqualTo(XZ_MAGIC);
            }
        }
    }
}
