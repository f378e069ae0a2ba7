package io.nextops.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.TestServer;
import io.nextops.server.config.ServerConfig;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Several instances starting at once on one fresh database: each runs {@link Database#open} as the server does (its
 * own pool, Flyway over it), released together; Flyway's PostgreSQL advisory lock must serialize them so that both
 * start and every migration is applied exactly once.
 */
class ConcurrentMigrationIT {
    private static final int ROUNDS = 5;
    private static final int INSTANCES = 2;

    private static ServerConfig config(TestDatabase db) {
        return ServerConfig.fromEnv(Map.of("DATABASE_URL", db.postgresUrl(), "JWT_SECRET", TestServer.JWT_SECRET,
                "DB_POOL_SIZE", "3"));
    }

    private static List<String> appliedVersions(TestDatabase db) {
        return Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery("""
                        SELECT version FROM flyway_schema_history
                        WHERE version IS NOT NULL AND success ORDER BY installed_rank""")
                .mapTo(String.class).list());
    }

    @Test
    void instancesMigratingOneFreshDatabaseAtOnceApplyEveryVersionOnce() throws Exception {
        TestDatabase reference = SharedPostgres.newDatabase("migrate_alone");
        ServerConfig alone = config(reference);
        Database.open(alone.database(), alone.dataDir(), Database.MIGRATIONS).close();
        List<String> expected = appliedVersions(reference);
        assertThat(expected).contains("3.3").doesNotHaveDuplicates();

        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                TestDatabase db = SharedPostgres.newDatabase("migrate_together");
                ServerConfig config = config(db);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Database>> starts = new ArrayList<>();
                for (int i = 0; i < INSTANCES; i++) {
                    starts.add(pool.submit(() -> {
                        go.await();
                        return Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
                    }));
                }
                go.countDown();
                for (Future<Database> start : starts) {
                    start.get(60, TimeUnit.SECONDS).close(); // throws when that instance's migration failed
                }
                assertThat(appliedVersions(db)).as("round " + round).containsExactlyInAnyOrderElementsOf(expected);
                int failed = Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM flyway_schema_history WHERE NOT success").mapTo(Integer.class).one());
                assertThat(failed).as("failed migrations in round " + round).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
