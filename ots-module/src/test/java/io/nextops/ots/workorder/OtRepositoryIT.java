package io.nextops.ots.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.ots.OtsDatabase;
import io.nextops.web.ApiException;
import io.nextops.ots.catalog.NewClient;
import io.nextops.ots.catalog.NewProvider;
import io.nextops.ots.seed.OtsSeeder;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.result.ResultIterable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtRepositoryIT {
    private OtsDatabase db;
    private OtRepository ots;
    private long maersk;
    private long acme;
    private long globex;

    @BeforeAll
    void setUp() {
        db = new OtsDatabase();
        ots = db.module.workOrders();
        maersk = db.module.providers().insert(NewProvider.of("MAERSK LINE", "naviera")).id();
        acme = db.module.clients().insert(NewClient.of("Acme S.A. de C.V.")).id();
        globex = db.module.clients().insert(NewClient.of("Globex  Corp.")).id();
        ots.insert(OtDraft.builder("rp-1", acme).proveedorId(maersk).masterBl("mbl-100_a")
                .contenedores(List.of("mscu1234567")).estado("puerto").operativo("Ana")
                .fechaEta(LocalDate.of(2025, 1, 10)).notas("100% urgente").build(), null);
        ots.insert(OtDraft.builder("RP-2", globex).masterBl("MBLX200").contenedores(List.of("TCNU7654321"))
                .estado("transito").operativo("Luis").fechaEta(LocalDate.of(2025, 2, 1))
                .tipoOperacion("exportacion").puertoDestino("Acajutla").build(), null);
        ots.insert(OtDraft.builder("RP-3", acme).proveedorId(maersk).estado("en_rada")
                .fechaEta(LocalDate.of(2024, 12, 1)).fechaProvision(LocalDate.of(2025, 1, 1)).build(), null);
    }

    private List<String> numbers(OtQuery q) {
        return db.jdbi.inTransaction(h -> ots.stream(h, q).stream().map(Ot::numeroOt).toList());
    }

    private static OtQuery query(java.util.function.UnaryOperator<Q> f) {
        return f.apply(new Q()).build();
    }

    @Test
    void insertAppliesTheSaveRulesAndJoinsClientAndCarrier() {
        Ot ot = ots.find(db.jdbi.withHandle(h -> h.createQuery("SELECT id FROM ots WHERE numero_ot = 'RP-1'")
                .mapTo(Long.class).one())).orElseThrow();
        assertThat(ot.masterBl()).isEqualTo("MBL-100_A");
        assertThat(ot.contenedores()).containsExactly("MSCU1234567");
        assertThat(ot.clienteNombre()).isEqualTo("Acme S.A. de C.V.");
        assertThat(ot.proveedorNombre()).isEqualTo("MAERSK LINE");
        assertThat(ot.barco()).isEqualTo("-");
        assertThat(ot.estadoFacturado()).isEqualTo("pendiente");
    }

    @Test
    void rejectsADuplicateNumberEvenWhenTheFirstOtWasDeleted() {
        Ot first = ots.insert(OtDraft.builder("DUP-1", acme).build(), null);
        assertThat(ots.softDelete(first.id())).isTrue();
        assertThat(ots.find(first.id())).isEmpty();
        assertThatThrownBy(() -> ots.insert(OtDraft.builder(" dup-1 ", acme).build(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiException.Kind.CONFLICT);
                    assertThat(e.errors().get(0).field()).isEqualTo("numero_ot");
                });
        long inconsistent = db.jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM ots WHERE is_deleted <> (deleted_at IS NOT NULL)").mapTo(Long.class).one());
        assertThat(inconsistent).isZero();
    }

    @Test
    void rejectsAMissingClientOrCarrier() {
        assertThatThrownBy(() -> ots.insert(OtDraft.builder("REF-1", 999_999).proveedorId(888_888L).build(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactly("cliente", "proveedor"));
    }

    @Test
    void updateKeepsUnchangedFieldsAndRecomputesDerivedStatuses() {
        Ot ot = ots.insert(OtDraft.builder("UPD-1", acme).barco("MSC ANNA").build(), 7L);
        Ot changed = ots.update(ot.id(), d -> d.toBuilder().fechaRecepcionFactura(LocalDate.of(2025, 3, 3)).build(),
                8L);
        assertThat(changed.barco()).isEqualTo("MSC ANNA");
        assertThat(changed.estadoFacturado()).isEqualTo("facturado");
        assertThat(changed.modificadoPor()).isEqualTo(8L);
        assertThat(changed.updatedAt()).isAfterOrEqualTo(ot.updatedAt());
        assertThatThrownBy(() -> ots.update(987_654, d -> d, null))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.NOT_FOUND));
    }

    @Test
    void filtersByEveryCriterion() {
        assertThat(numbers(query(q -> q.proveedorId(maersk)))).containsExactly("RP-3", "RP-1");
        assertThat(numbers(query(q -> q.clienteId(globex)))).containsExactly("RP-2");
        assertThat(numbers(query(q -> q.estados(List.of("puerto", "en_rada"))))).containsExactly("RP-3", "RP-1");
        assertThat(numbers(query(q -> q.proveedores(List.of("maersk line"))))).containsExactly("RP-3", "RP-1");
        assertThat(numbers(query(q -> q.clientes(List.of("GLOBEX  CORP."))))).containsExactly("RP-2");
        assertThat(numbers(query(q -> q.operativos(List.of("ana", "LUIS"))))).containsExactly("RP-2", "RP-1");
        assertThat(numbers(query(q -> q.estadoProvision("provisionada")))).containsExactly("RP-3");
        assertThat(numbers(query(q -> q.tipoOperacion("exportacion")))).containsExactly("RP-2");
        assertThat(numbers(query(q -> q.mbls(List.of("100_", "nothing"))))).containsExactly("RP-1");
        assertThat(numbers(query(q -> q.mbls(List.of("_"))))).containsExactly("RP-1");
        assertThat(numbers(query(q -> q.contenedores(List.of("TCNU765"))))).containsExactly("RP-2");
        assertThat(numbers(query(q -> q.numerosOt(List.of("rp-2", "RP-3"))))).containsExactly("RP-3", "RP-2");
        assertThat(numbers(query(q -> q.puertoDestino("Acajutla")))).containsExactly("RP-2");
    }

    @Test
    void searchTakesWildcardsLiterallyAndMatchesTheAlphanumericForm() {
        assertThat(numbers(query(q -> q.search("100%")))).containsExactly("RP-1");
        assertThat(numbers(query(q -> q.search("%")))).containsExactly("RP-1");
        assertThat(numbers(query(q -> q.search("globex")))).containsExactly("RP-2");
        assertThat(numbers(query(q -> q.search("maersk")))).containsExactly("RP-3", "RP-1");
        assertThat(numbers(query(q -> q.search("MSCU-1234567")))).containsExactly("RP-1");
        assertThat(numbers(query(q -> q.search("' OR 1=1 --")))).isEmpty();
        assertThat(numbers(query(q -> q.search("\\")))).isEmpty();
    }

    @Test
    void ordersByWhitelistedFieldsWithIdAsTieBreaker() {
        assertThat(numbers(query(q -> q.numerosOt(List.of("RP-")).ordering(List.of("fecha_eta")))))
                .containsExactly("RP-3", "RP-1", "RP-2");
        assertThat(numbers(query(q -> q.numerosOt(List.of("RP-")).ordering(List.of("-numero_ot")))))
                .containsExactly("RP-3", "RP-2", "RP-1");
        assertThatThrownBy(() -> query(q -> q.ordering(List.of("id; DROP TABLE ots"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> db.jdbi.withHandle(h -> ots.stream(h, OtQuery.ALL).list()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }

    @Test
    void aPageCostsTwoStatementsWhateverItsSize() {
        OtsDatabase db = new OtsDatabase();
        OtRepository ots = db.module.workOrders();
        OtsSeeder.seed(db.jdbi, 7, 5, 20, 300);
        int[] perPageSize = new int[3];
        int[] sizes = {1, 50, 300};
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            db.counting.reset();
            int rows = db.jdbi.inTransaction(h -> {
                ots.count(h, OtQuery.ALL);
                ResultIterable<Ot> page = ots.stream(h, OtQuery.ALL, 0, size);
                return page.list().size();
            });
            assertThat(rows).isEqualTo(size);
            perPageSize[i] = db.counting.statements();
        }
        assertThat(perPageSize).containsOnly(2);
    }

    /** A mutable helper to write criteria in tests. */
    static final class Q {
        private Long proveedorId;
        private Long clienteId;
        private List<String> estados;
        private List<String> proveedores;
        private List<String> clientes;
        private List<String> operativos;
        private String estadoProvision;
        private String tipoOperacion;
        private List<String> mbls;
        private List<String> contenedores;
        private List<String> numerosOt;
        private String search;
        private String puertoDestino;
        private List<String> ordering;

        Q proveedorId(long v) { proveedorId = v; return this; }
        Q clienteId(long v) { clienteId = v; return this; }
        Q estados(List<String> v) { estados = v; return this; }
        Q proveedores(List<String> v) { proveedores = v; return this; }
        Q clientes(List<String> v) { clientes = v; return this; }
        Q operativos(List<String> v) { operativos = v; return this; }
        Q estadoProvision(String v) { estadoProvision = v; return this; }
        Q tipoOperacion(String v) { tipoOperacion = v; return this; }
        Q mbls(List<String> v) { mbls = v; return this; }
        Q contenedores(List<String> v) { contenedores = v; return this; }
        Q numerosOt(List<String> v) { numerosOt = v; return this; }
        Q search(String v) { search = v; return this; }
        Q puertoDestino(String v) { puertoDestino = v; return this; }
        Q ordering(List<String> v) { ordering = v; return this; }

        OtQuery build() {
            return new OtQuery(proveedorId, clienteId, estados, proveedores, clientes, operativos, estadoProvision,
                    null, tipoOperacion, mbls, contenedores, numerosOt, search, puertoDestino, ordering);
        }
    }
}
