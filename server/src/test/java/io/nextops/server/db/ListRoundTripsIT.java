package io.nextops.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.web.Role;
import io.nextops.server.SeedDemoCommand;
import io.nextops.server.TestServer;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a list request costs on the wire to PostgreSQL, counted by a protocol-reading proxy between the pool and the
 * server: a fixed, small number of round trips whatever the page size and the endpoint, and none of the per-borrow
 * isolation queries or session settings that the pool, the driver or Jdbi could send on their own.
 */
class ListRoundTripsIT {
    private static PgWireCounter wire;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase db = SharedPostgres.newDatabase("roundtrips");
        URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        wire = new PgWireCounter(target.getHost(), target.getPort());
        server = TestServer.start(Map.of("DATABASE_URL", "postgres://" + db.user() + ":" + db.password()
                + "@127.0.0.1:" + wire.port() + "/" + db.name() + "?sslmode=disable"), s -> {});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SeedDemoCommand.seedInto(server.database(), new String[] {"--invoices", "1200", "--ots", "300",
                "--seed", "5"}, new PrintStream(out, true), new PrintStream(out, true));
        assertThat(status).as(out.toString()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        wire.close();
    }

    /** The wire events of one GET as an authenticated user (its token taken beforehand). */
    private static List<String> eventsOf(String pathAndQuery) throws Exception {
        server.accessToken(Role.OPERATIVO);
        int mark = wire.mark();
        HttpResponse<String> r = server.get(pathAndQuery, Role.OPERATIVO);
        assertThat(r.statusCode()).as(pathAndQuery + " -> " + r.body()).isEqualTo(200);
        return wire.since(mark);
    }

    @Test
    void aListPageIsFiveRoundTripsWhateverItsSizeAndEndpoint() throws Exception {
        List<Long> trips = new java.util.ArrayList<>();
        for (String list : List.of("/api/invoices/", "/api/ots/", "/api/catalogs/providers/", "/api/clients/")) {
            for (int repeat = 0; repeat < 7; repeat++) { // past pgjdbc's prepareThreshold: server-prepared statements
                eventsOf(list + "?page_size=25");
            }
            for (String page : List.of("page_size=1", "page_size=25", "page_size=400", "page_size=2&page=2")) {
                List<String> events = eventsOf(list + "?" + page);
                // the authentication's user lookup (accounts_user by id), then the list transaction: SET TRANSACTION
                // (pipelined with the driver's BEGIN), the version-checked count, the page, COMMIT
                assertThat(PgWireCounter.roundTrips(events)).as(list + "?" + page + ": " + events).isEqualTo(5);
                trips.add(PgWireCounter.roundTrips(events));
                assertThat(events).as(list).noneMatch(e -> e.contains("SHOW TRANSACTION") || e.contains("SET SESSION"));
            }
        }
        assertThat(trips).hasSize(16).containsOnly(5L);
    }

    @Test
    void aRepeatedListPageParsesNoStatementAgain() throws Exception {
        for (int repeat = 0; repeat < 7; repeat++) {
            eventsOf("/api/invoices/?page_size=25&estado_provision=pendiente");
        }
        List<String> events = eventsOf("/api/invoices/?page_size=25&estado_provision=pendiente");
        assertThat(events).as("statements reused from the driver's cache: " + events)
                .noneMatch(e -> e.startsWith("PARSE ") && !e.equals("PARSE "));
    }
}
