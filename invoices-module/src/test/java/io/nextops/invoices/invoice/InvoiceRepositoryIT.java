package io.nextops.invoices.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.invoices.demo.DemoData;
import io.nextops.web.ApiException;
import io.nextops.web.PageRequest;
import io.nextops.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvoiceRepositoryIT {
    private static Jdbi jdbi;
    private static final InvoiceRepository repo = new InvoiceRepository();
    private static List<InvoiceRow> all;

    @BeforeAll
    static void seed() throws Exception {
        TestDatabase db = InvoicesDb.create();
        try (Connection c = db.dataSource().getConnection()) {
            io.nextops.ots.seed.OtsSeeder.seed(InvoicesDb.jdbi(db), 7, 40, 20, 300);
            DemoData.seedInvoices(c, 3_000, 7);
            c.createStatement().execute("ANALYZE");
        }
        jdbi = InvoicesDb.jdbi(db);
        all = jdbi.inTransaction(h -> {
            try (Stream<InvoiceRow> s = repo.streamAll(h, InvoiceQuery.all())) {
                return s.toList();
            }
        });
    }

    private static List<Long> ids(InvoiceQuery q) {
        return jdbi.inTransaction(h -> {
            try (Stream<InvoiceRow> s = repo.streamAll(h, q)) {
                return s.map(InvoiceRow::id).toList();
            }
        });
    }

    private static InvoiceQuery q(Map<String, Object> f) {
        return new InvoiceQuery((List<String>) f.getOrDefault("ep", List.of()), (String) f.get("ef"), (String) f.get("pago"),
                f.containsKey("excl"), (Boolean) f.get("rev"), (String) f.get("tc"), (Long) f.get("prov"),
                (String) f.get("pn"), (String) f.get("otn"), (Long) f.get("ot"), (LocalDate) f.get("from"),
                (LocalDate) f.get("to"), (String) f.get("search"), List.of());
    }

    private static void assertFilter(Map<String, Object> f, Predicate<InvoiceRow> expected) {
        List<Long> want = all.stream().filter(expected).map(InvoiceRow::id).sorted().toList();
        assertThat(want).as("fixture has matches for " + f).isNotEmpty();
        assertThat(ids(q(f)).stream().sorted().toList()).as(f.toString()).isEqualTo(want);
    }

    @Test
    void defaultOrderIsProvisionPriorityThenNewestIssueAndCreation() {
        List<String> priority = List.of("pendiente", "revision", "disputada", "provisionada", "rechazada", "anulada",
                "anulada_parcialmente");
        Comparator<InvoiceRow> original = Comparator.<InvoiceRow>comparingInt(r -> priority.indexOf(r.provisionStatus()))
                .thenComparing(InvoiceRow::issueDate, Comparator.reverseOrder())
                .thenComparing(InvoiceRow::createdAt, Comparator.reverseOrder())
                .thenComparing(InvoiceRow::id, Comparator.reverseOrder());
        assertThat(all).hasSize(3_000).isSortedAccordingTo(original);
    }

    @Test
    void defaultOrderPageIsReadFromTheIndexWithoutSorting() {
        String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN SELECT " + InvoiceSql.COLUMNS + InvoiceSql.FROM
                        + InvoiceSql.where(InvoiceQuery.all()).sql() + InvoiceSql.orderBy(InvoiceQuery.all())
                        + " LIMIT 25 OFFSET 100")
                .mapTo(String.class).collect(Collectors.joining("\n")));
        assertThat(plan).contains("invoices_invoice_default_order_idx").doesNotContain("Sort").doesNotContain("Seq Scan on invoices_invoice");
    }

    @Test
    void everyFilterSelectsWhatTheOriginalWould() {
        InvoiceRow sample = all.get(all.size() / 2);
        assertFilter(Map.of("ep", List.of("revision", "disputada")),
                r -> r.provisionStatus().equals("revision") || r.provisionStatus().equals("disputada"));
        assertFilter(Map.of("ef", "facturada"), r -> r.billingStatus().equals("facturada"));
        assertFilter(Map.of("pago", "pagado_parcial"), r -> r.paymentStatus().equals("pagado_parcial"));
        assertFilter(Map.of("excl", true), r -> !r.paymentStatus().equals("pagado_total"));
        assertFilter(Map.of("rev", true), InvoiceRow::needsReview);
        assertFilter(Map.of("rev", false), r -> !r.needsReview());
        assertFilter(Map.of("tc", "ADUANA"), r -> r.costTypeCode().equals("ADUANA"));
        assertFilter(Map.of("prov", sample.providerId()), r -> sample.providerId().equals(r.providerId()));
        assertFilter(Map.of("pn", "maersk"), r -> r.providerName().toLowerCase().contains("maersk"));
        assertFilter(Map.of("otn", "ot-25-0001"), r -> r.workOrderNumber().toLowerCase().contains("ot-25-0001"));
        Long ot = all.stream().filter(r -> r.workOrderId() != null).findFirst().orElseThrow().workOrderId();
        assertFilter(Map.of("ot", ot), r -> ot.equals(r.workOrderId()));
        LocalDate from = LocalDate.of(2025, 6, 1);
        LocalDate to = LocalDate.of(2025, 6, 30);
        assertFilter(Map.of("from", from, "to", to), r -> !r.issueDate().isBefore(from) && !r.issueDate().isAfter(to));
        assertFilter(Map.of("search", "dte-01"), r -> r.invoiceNumber().toLowerCase().contains("dte-01")
                || r.notes().toLowerCase().contains("dte-01"));
        assertFilter(Map.of("search", "BAF"), r -> r.notes().contains("BAF"));
    }

    @Test
    void likeWildcardsInTextFiltersMatchLiterally() {
        assertThat(ids(q(Map.of("search", "%")))).isEmpty();
        assertThat(ids(q(Map.of("search", "_")))).isEmpty();
        assertThat(ids(q(Map.of("pn", "\\")))).isEmpty();
        Draft d = new Draft();
        d.invoiceNumber = "LIT-1";
        d.providerName = "100%_off\\co";
        d.issueDate = LocalDate.of(2025, 1, 1);
        d.amount = new BigDecimal("1.00");
        long id = jdbi.inTransaction(h -> repo.create(h, d)).id();
        try {
            assertThat(ids(q(Map.of("pn", "0%_o")))).containsExactly(id);
            assertThat(ids(q(Map.of("search", "f\\c")))).containsExactly(id);
            assertThat(ids(q(Map.of("search", "!")))).isEmpty();
        } finally {
            jdbi.useHandle(h -> repo.softDelete(h, id));
        }
    }

    @Test
    void pageIsASliceOfTheFullOrder() {
        List<Long> page = jdbi.inTransaction(h -> {
            try (Stream<InvoiceRow> s = repo.stream(h, InvoiceQuery.all(), new PageRequest(3, 25))) {
                return s.map(InvoiceRow::id).toList();
            }
        });
        assertThat(page).isEqualTo(all.subList(50, 75).stream().map(InvoiceRow::id).toList());
        long count = jdbi.withHandle(h -> repo.count(h, InvoiceQuery.all()));
        assertThat(count).isEqualTo(3_000L);
    }

    @Test
    void pagesJoinedOneAfterAnotherAreTheFullOrderRowForRow() {
        // the page select is a deferred join (ids first, then the joins); the export reads the plain join
        List<InvoiceQuery> queries = List.of(InvoiceQuery.all(),
                new InvoiceQuery(List.of(), null, null, true, null, null, null, null, null, null, null, null, null,
                        List.of(new InvoiceQuery.Order("monto", true), new InvoiceQuery.Order("proveedor_nombre", false))),
                new InvoiceQuery(List.of("pendiente", "revision"), null, null, false, null, null, null, null, null,
                        null, null, null, "dte", List.of(new InvoiceQuery.Order("fecha_emision", false))));
        for (InvoiceQuery query : queries) {
            List<InvoiceRow> expected = jdbi.inTransaction(h -> {
                try (Stream<InvoiceRow> s = repo.streamAll(h, query)) {
                    return s.toList();
                }
            });
            assertThat(expected).as("fixture rows for " + query).hasSizeGreaterThan(40);
            List<InvoiceRow> paged = new java.util.ArrayList<>();
            for (int page = 1; (page - 1) * 37 < expected.size(); page++) {
                PageRequest request = new PageRequest(page, 37);
                paged.addAll(jdbi.inTransaction(h -> {
                    try (Stream<InvoiceRow> s = repo.stream(h, query, request)) {
                        return s.toList();
                    }
                }));
            }
            assertThat(paged).as(query.toString()).isEqualTo(expected);
        }
    }

    @Test
    void joinedRowCarriesWhatTheExportShows() {
        InvoiceRow r = all.stream().filter(x -> x.workOrderId() != null).findFirst().orElseThrow();
        assertThat(r.otNumber()).isEqualTo(r.workOrderNumber());
        assertThat(r.clientName()).isNotBlank();
        assertThat(r.masterBl()).isNotBlank();
        assertThat(r.otContainers()).isNotEmpty().allMatch(c -> c.matches("[A-Z]{4}\\d{7}"));
        assertThat(r.carrierName()).isNotBlank();
        assertThat(r.vessel()).isNotBlank();
        assertThat(r.catalogProviderName()).isEqualTo(r.providerName());
        assertThat(r.costTypeDisplay()).isNotBlank();
    }

    @Test
    void createCopiesTheOtNumberAndRejectsADuplicateNumberForTheSameProvider() {
        InvoiceRow withOt = all.stream().filter(x -> x.workOrderId() != null).findFirst().orElseThrow();
        Draft d = new Draft();
        d.invoiceNumber = "DUP-1";
        d.providerId = withOt.providerId();
        d.providerName = "";
        d.otId = withOt.workOrderId();
        d.otNumber = "WRONG";
        d.issueDate = LocalDate.of(2025, 1, 1);
        d.amount = new BigDecimal("10.00");
        InvoiceRow created = jdbi.inTransaction(h -> repo.create(h, d));
        assertThat(created.workOrderNumber()).isEqualTo(withOt.otNumber());
        assertThat(created.providerName()).isEqualTo(withOt.catalogProviderName());

        Draft again = new Draft();
        again.invoiceNumber = "DUP-1";
        again.providerId = withOt.providerId();
        again.providerName = "x";
        again.issueDate = LocalDate.of(2025, 1, 1);
        again.amount = new BigDecimal("10.00");
        assertThatThrownBy(() -> jdbi.inTransaction(h -> repo.create(h, again)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiException.Kind.CONFLICT);
                    assertThat(e.errors()).extracting(x -> x.field()).containsExactly("numero_factura");
                });

        boolean deleted = jdbi.withHandle(h -> repo.softDelete(h, created.id()));
        assertThat(deleted).isTrue();
        boolean deletedAtSet = jdbi.withHandle(h -> h.createQuery(
                "SELECT deleted_at IS NOT NULL FROM invoices_invoice WHERE id = :id")
                .bind("id", created.id()).mapTo(Boolean.class).one());
        assertThat(deletedAtSet).isTrue();
        java.util.Optional<InvoiceRow> gone = jdbi.withHandle(h -> repo.find(h, created.id()));
        assertThat(gone).isEmpty();
        // a deleted invoice no longer blocks its number
        InvoiceRow reused = jdbi.inTransaction(h -> repo.create(h, again));
        assertThat(reused.invoiceNumber()).isEqualTo("DUP-1");
        jdbi.useHandle(h -> repo.softDelete(h, reused.id()));
    }

    @Test
    void streamingEverythingNeedsATransactionForTheCursor() {
        assertThatThrownBy(() -> jdbi.withHandle(h -> repo.streamAll(h, InvoiceQuery.all())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }
}
