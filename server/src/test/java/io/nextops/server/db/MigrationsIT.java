package io.nextops.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migrations run with Flyway in a class loader of its own, whose classes are unloaded after the run. */
class MigrationsIT {

    @Test
    void migratesEveryModuleAndFlywaysClassesAreUnloadedAfterwards() throws Exception {
        TestDatabase db = SharedPostgres.newDatabase("migrations");
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long unloadedBefore = classes.getUnloadedClassCount();

        Database.migrate(db.dataSource(), Database.MIGRATIONS);

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            r.next();
            assertThat(r.getInt(1)).isGreaterThanOrEqualTo(3);
        }
        // the loader is garbage once run() returns: a full GC unloads Flyway's classes with it
        long unloaded = 0;
        for (int i = 0; i < 10 && unloaded < 300; i++) {
            System.gc();
            Thread.sleep(50);
            unloaded = classes.getUnloadedClassCount() - unloadedBefore;
        }
        assertThat(unloaded).as("classes unloaded after the migration run").isGreaterThanOrEqualTo(300);
    }

    @Test
    void aSecondRunOnAMigratedDatabaseChangesNothing() throws Exception {
        TestDatabase db = SharedPostgres.newDatabase("migrations_again");
        Database.migrate(db.dataSource(), Database.MIGRATIONS);
        int before = historyRows(db);
        Database.migrate(db.dataSource(), Database.MIGRATIONS);
        assertThat(historyRows(db)).isEqualTo(before);
    }

    @Test
    void aBrokenMigrationFailsWithFlywaysMessage() {
        TestDatabase db = SharedPostgres.newDatabase("migrations_broken");
        assertThatThrownBy(() -> Database.migrate(db.dataSource(), List.of("classpath:db/test-broken-migration")))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("V1__broken.sql");
    }

    private static int historyRows(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            r.next();
            return r.getInt(1);
        }
    }
}
