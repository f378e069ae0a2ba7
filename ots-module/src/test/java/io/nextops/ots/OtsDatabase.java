package io.nextops.ots;

import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** A fresh database of the shared embedded PostgreSQL with this module's migrations, and the module over it. */
public final class OtsDatabase {
    public final TestDatabase database;
    public final CountingDataSource counting;
    public final Jdbi jdbi;
    public final OtsModule module;

    public OtsDatabase() {
        database = SharedPostgres.newDatabase("ots");
        Flyway.configure().dataSource(database.dataSource()).locations(OtsModule.MIGRATIONS).load().migrate();
        counting = new CountingDataSource(database.dataSource());
        jdbi = Jdbi.create(counting.dataSource());
        module = OtsModule.create(jdbi);
    }
}
