package io.nextops.server.db;

import java.util.List;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Runs Flyway's migrations. Not for direct use: {@link Migrations} loads this class, with Flyway, in a class loader
 * of their own that is dropped after the run. It is public only so that a class of another loader can instantiate it.
 * Thread-safety: stateless.
 */
public final class FlywayRun implements BiConsumer<DataSource, List<String>> {

    @Override
    public void accept(DataSource dataSource, List<String> locations) {
        Flyway.configure(FlywayRun.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(false)
                // modules add migrations independently: a later one of one module may sort before an applied one of another
                .outOfOrder(true)
                .load()
                .migrate();
    }
}
