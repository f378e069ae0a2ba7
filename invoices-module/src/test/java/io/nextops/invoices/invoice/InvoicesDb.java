package io.nextops.invoices.invoice;

import io.nextops.invoices.InvoicesModule;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** A fresh database with ots-module's and this module's migrations, and a Jdbi over it. */
public final class InvoicesDb {
    private InvoicesDb() {}

    public static TestDatabase create() {
        TestDatabase db = SharedPostgres.newDatabase("invoices");
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration/ots"));
        locations.add(InvoicesModule.MIGRATIONS);
        Flyway.configure().dataSource(db.dataSource()).locations(locations.toArray(String[]::new))
                .outOfOrder(true).load().migrate();
        return db;
    }

    public static Jdbi jdbi(TestDatabase db) {
        return Jdbi.create(db.dataSource());
    }
}
