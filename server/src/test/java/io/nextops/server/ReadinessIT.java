package io.nextops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness follows the database: 503 while it is down, 200 again once it is back, without restarting the server. */
class ReadinessIT {

    @TempDir
    Path dir;

    @Test
    void readinessTurns503WhenTheDatabaseGoesAwayAnd200WhenItComesBack() throws Exception {
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int pgPort = pg.getPort();
        ServerConfig config = ServerConfig.fromEnv(Map.of("PORT", "0", "HOST", "127.0.0.1", "ACCESS_LOG", "false",
                "DB_CONNECT_TIMEOUT", "2", "JWT_SECRET", TestServer.JWT_SECRET,
                "DATABASE_URL", "postgres://postgres:postgres@localhost:" + pgPort + "/postgres"));
        Server server = NextOpsServer.create(config, Database.open(config.database(), dir, Database.MIGRATIONS));
        server.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NextOpsServer.port(server) + "/health/ready")).build();
        try {
            assertThat(client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            pg.close();
            HttpResponse<String> down = client.send(ready, HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"database\":\"unreachable\"");
            HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NextOpsServer.port(server) + "/api/health/")).build();
            assertThat(client.send(live, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("liveness does not depend on the database").isEqualTo(200);

            pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(pgPort).start();
            int status = 0;
            for (int i = 0; i < 20 && status != 200; i++) {
                status = client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertThat(status).isEqualTo(200);
        } finally {
            server.stop();
            pg.close();
        }
    }
}
