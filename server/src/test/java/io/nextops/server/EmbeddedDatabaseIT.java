package io.nextops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without DATABASE_URL the server runs on an embedded PostgreSQL whose data survives a restart. */
class EmbeddedDatabaseIT {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() throws Exception {
        ServerConfig config = ServerConfig.fromEnv(Map.of("NEXTOPS_DATA_DIR", dataDir.toString()));
        assertThat(config.database().embedded()).isTrue();

        try (Database db = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS)) {
            assertThat(db.isEmbedded()).isTrue();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (id int PRIMARY KEY, note text)");
                s.execute("INSERT INTO survivor VALUES (1, 'still here')");
            }
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

        try (Database db = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM survivor WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }
}
