package io.nextops.invoices.invoice;

import io.nextops.web.ApiException;
import io.nextops.web.PageRequest;
import io.nextops.web.page.CountCache;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads and writes {@code invoices_invoice}. Every read is one joined statement ({@link InvoiceRow}); a list is
 * {@link #count} plus one {@link #stream}, whatever the page size; a save is a fixed handful of statements. Methods
 * take the caller's {@link Handle}, so that callers choose the transaction. Stateless, thread-safe.
 *
 * <pre>{@code
 * InvoiceRepository invoices = module.invoices();
 * jdbi.useTransaction(h -> {                        // a transaction: rows come through a server-side cursor
 *     long n = invoices.count(h, query);
 *     try (Stream<InvoiceRow> rows = invoices.streamAll(h, query)) {
 *         rows.forEach(sink::write);
 *     }
 * });
 * }</pre>
 */
public final class InvoiceRepository {
    /** Rows fetched per round trip by a cursor. */
    static final int FETCH_SIZE = 500;

    static final String NUMBER_PROVIDER_UNIQUE = "invoices_invoice_numero_proveedor_active_unique";

    /** Exact list counts, recounted only after a write to invoices_invoice (bounded LRU). */
    private final CountCache counts = new CountCache(1024);

    public InvoiceRepository() {}

    /**
     * Number of live invoices matching {@code query}: one statement, no joins, which counts only when
     * {@code invoices_invoice} was written since the same filters were last counted ({@link CountCache}).
     */
    public long count(Handle handle, InvoiceQuery query) {
        InvoiceSql.Where where = InvoiceSql.where(query);
        List<Object> key = new ArrayList<>();
        where.binds().forEach((name, value) -> {
            key.add(name);
            key.add(value instanceof Object[] array ? Arrays.asList(array) : value);
        });
        return counts.count(handle, List.of("invoices_invoice"), "SELECT count(*) FROM invoices_invoice i"
                + where.sql(), q -> q.bindMap(where.binds()), key);
    }

    /** Hits and misses of the count cache (tests, metrics). */
    CountCache.Stats countStats() {
        return counts.stats();
    }

    /**
     * One page of {@code query}, in its order: one statement. Close the stream (try-with-resources); rows are read
     * {@value #FETCH_SIZE} at a time through a cursor when the handle is in a transaction.
     */
    public Stream<InvoiceRow> stream(Handle handle, InvoiceQuery query, PageRequest page) {
        InvoiceSql.Where where = InvoiceSql.where(query);
        return handle.createQuery(InvoiceSql.page(where, InvoiceSql.orderBy(query)))
                .bindMap(where.binds()).bind("limit", page.pageSize()).bind("offset", page.offset())
                .setFetchSize(FETCH_SIZE).map(InvoiceRowMapper.INSTANCE).stream();
    }

    /**
     * Every row of {@code query}, in its order, for exports: one statement read through a server-side cursor, so the
     * memory used does not grow with the row count. Needs a transaction ({@code jdbi.useTransaction}), because
     * PostgreSQL keeps a cursor only inside one; close the stream.
     *
     * @throws IllegalStateException when the handle is not in a transaction
     */
    public Stream<InvoiceRow> streamAll(Handle handle, InvoiceQuery query) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("streamAll needs a transaction for a server-side cursor; "
                    + "call it inside jdbi.useTransaction(..)");
        }
        return select(handle, query, "").map(InvoiceRowMapper.INSTANCE).stream();
    }

    /** The live invoice {@code id}, joined like list rows. */
    public Optional<InvoiceRow> find(Handle handle, long id) {
        return handle.createQuery("SELECT " + InvoiceSql.COLUMNS + InvoiceSql.FROM
                        + " WHERE i.id = :id AND i.is_deleted = false")
                .bind("id", id).map(InvoiceRowMapper.INSTANCE).findOne();
    }

    /** Soft-deletes {@code id} (is_deleted and deleted_at together); false when there was no live invoice. */
    public boolean softDelete(Handle handle, long id) {
        return handle.createUpdate("UPDATE invoices_invoice SET is_deleted = true, deleted_at = now(), updated_at = now()"
                + " WHERE id = :id AND is_deleted = false").bind("id", id).execute() == 1;
    }

    /** Inserts {@code d} after the save rules: 3 statements (context, insert, read back). */
    InvoiceRow create(Handle handle, Draft d) {
        SaveRules.apply(d, context(handle, d), null, false);
        long id = write(handle, handle.createUpdate("INSERT INTO invoices_invoice (" + WRITE_COLUMNS + ") VALUES ("
                + WRITE_VALUES + ")"), d);
        return find(handle, id).orElseThrow();
    }

    /**
     * Inserts the invoice of an uploaded file (the upload endpoint, reference 4.1) through the same save rules as
     * {@link #create}: amount 0 and needs review, the provider's name and NIT copied by the rules, source
     * {@code upload_manual}, then links {@code uploadedFileId} and sets {@code processed_at}. 5 statements. The caller
     * holds the file row's lock (one active invoice per file).
     */
    public InvoiceRow createForUpload(Handle handle, long uploadedFileId, long providerId, String providerType,
                                      String providerCategory, String invoiceNumber, java.time.LocalDate issueDate,
                                      String costTypeCode, String processedBy) {
        Draft d = new Draft();
        d.providerId = providerId;
        d.providerType = providerType;
        d.providerCategory = providerCategory;
        d.invoiceNumber = invoiceNumber;
        d.issueDate = issueDate;
        d.amount = new BigDecimal("0.00");
        d.costTypeCode = costTypeCode;
        d.needsReview = true;
        d.processedBy = processedBy;
        d.source = "upload_manual";
        long id = create(handle, d).id();
        handle.createUpdate("UPDATE invoices_invoice SET uploaded_file_id = :file, processed_at = now() WHERE id = :id")
                .bind("file", uploadedFileId).bind("id", id).execute();
        return find(handle, id).orElseThrow();
    }

    /** The live invoice {@code id}, locked until the transaction ends, for an update. */
    Optional<InvoiceRow> findForUpdate(Handle handle, long id) {
        return handle.createQuery("SELECT " + InvoiceSql.COLUMNS + InvoiceSql.FROM
                        + " WHERE i.id = :id AND i.is_deleted = false FOR UPDATE OF i")
                .bind("id", id).map(InvoiceRowMapper.INSTANCE).findOne();
    }

    /** Updates {@code id} to {@code d} after the save rules: 3 statements after {@link #findForUpdate}. */
    InvoiceRow update(Handle handle, long id, Draft d, BigDecimal previousAmount, boolean payableAmountGiven) {
        SaveRules.apply(d, context(handle, d), previousAmount, payableAmountGiven);
        write(handle, handle.createUpdate("UPDATE invoices_invoice SET (" + WRITE_COLUMNS + ", updated_at) = ("
                + WRITE_VALUES + ", now()) WHERE id = :id AND is_deleted = false").bind("id", id), d);
        return find(handle, id).orElseThrow();
    }

    private Query select(Handle handle, InvoiceQuery query, String tail) {
        InvoiceSql.Where where = InvoiceSql.where(query);
        return handle.createQuery("SELECT " + InvoiceSql.COLUMNS + InvoiceSql.FROM + where.sql()
                        + InvoiceSql.orderBy(query) + tail)
                .bindMap(where.binds()).setFetchSize(FETCH_SIZE);
    }

    /** One statement: the OT, provider and cost type facts the rules need; 400 for a missing OT or provider. */
    SaveContext context(Handle handle, Draft d) {
        SaveContext ctx = handle.createQuery("""
                        SELECT o.id IS NOT NULL, o.numero_ot, o.fecha_provision, o.fecha_recepcion_factura,
                               p.id IS NOT NULL, p.nombre, p.nit, coalesce(p.tiene_credito, false),
                               coalesce(p.dias_credito, 0), coalesce(ct.is_linked_to_ot, false)
                        FROM (VALUES (1)) AS one (x)
                        LEFT JOIN ots o ON o.id = :ot AND o.is_deleted = false
                        LEFT JOIN catalogs_provider p ON p.id = :proveedor AND p.is_deleted = false
                        LEFT JOIN catalogs_cost_type ct ON ct.code = :tipo_costo AND ct.is_deleted = false""")
                .bind("ot", d.otId).bind("proveedor", d.providerId).bind("tipo_costo", d.costTypeCode)
                .map((rs, c) -> new SaveContext(rs.getBoolean(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class),
                        rs.getObject(4, java.time.LocalDate.class), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                        rs.getBoolean(8), rs.getInt(9), rs.getBoolean(10)))
                .one();
        if (d.otId != null && !ctx.otFound()) {
            throw ApiException.validation("ot", "Invalid pk \"" + d.otId + "\" - object does not exist.");
        }
        if (d.providerId != null && !ctx.providerFound()) {
            throw ApiException.validation("proveedor", "Invalid pk \"" + d.providerId + "\" - object does not exist.");
        }
        String code = d.costTypeCode.toUpperCase(Locale.ROOT);
        boolean linked = ctx.costTypeLinkedToOt() || code.startsWith("FLETE") || code.startsWith("CARGOS_NAVIERA");
        return new SaveContext(true, ctx.otNumber(), ctx.otProvisionDate(), ctx.otInvoiceReceivedDate(), true,
                ctx.providerName(), ctx.providerTaxId(), ctx.providerHasCredit(), ctx.providerCreditDays(), linked);
    }

    private static final String WRITE_COLUMNS = """
            ot_id, ot_number, proveedor_id, proveedor_nit, proveedor_nombre, tipo_proveedor, proveedor_categoria,
            numero_factura, fecha_emision, tipo_pago, dias_credito_aplicado, fecha_vencimiento, alerta_vencimiento,
            monto_original, monto, monto_aplicable, tipo_costo, referencias_detectadas, confianza_match,
            assignment_method, requiere_revision, estado_provision, fecha_provision, estado_facturacion,
            fecha_facturacion, estado_pago, monto_pagado, monto_pendiente, fecha_pago, processed_by,
            processing_source, notas""";
    private static final String WRITE_VALUES = """
            :otId, :otNumber, :providerId, :providerTaxId, :providerName, :providerType, :providerCategory,
            :invoiceNumber, :issueDate, :paymentType, :creditDaysApplied, :dueDate, :dueSoonFlag,
            :originalAmount, :amount, :payableAmount, :costTypeCode, CAST(:detectedRefs AS jsonb), :matchConfidence,
            :assignmentMethod, :needsReview, :provisionStatus, :provisionDate, :billingStatus,
            :billingDate, :paymentStatus, :amountPaid, :amountOutstanding, :paymentDate, :processedBy,
            :source, :notes""";

    private static long write(Handle handle, org.jdbi.v3.core.statement.Update update, Draft d) {
        bind(update, d);
        try {
            return update.executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne()
                    .orElseThrow(() -> ApiException.notFound("Invoice"));
        } catch (UnableToExecuteStatementException e) {
            throw translate(e);
        }
    }

    private static void bind(SqlStatement<?> s, Draft d) {
        s.bind("otId", d.otId).bind("otNumber", d.otNumber).bind("providerId", d.providerId)
                .bind("providerTaxId", d.providerTaxId).bind("providerName", d.providerName)
                .bind("providerType", d.providerType).bind("providerCategory", d.providerCategory)
                .bind("invoiceNumber", d.invoiceNumber).bind("issueDate", d.issueDate)
                .bind("paymentType", d.paymentType).bind("creditDaysApplied", d.creditDaysApplied)
                .bind("dueDate", d.dueDate).bind("dueSoonFlag", d.dueSoonFlag)
                .bind("originalAmount", d.originalAmount).bind("amount", d.amount)
                .bind("payableAmount", d.payableAmount).bind("costTypeCode", d.costTypeCode)
                .bind("detectedRefs", d.detectedRefsJson).bind("matchConfidence", d.matchConfidence)
                .bind("assignmentMethod", d.assignmentMethod).bind("needsReview", d.needsReview)
                .bind("provisionStatus", d.provisionStatus).bind("provisionDate", d.provisionDate)
                .bind("billingStatus", d.billingStatus).bind("billingDate", d.billingDate)
                .bind("paymentStatus", d.paymentStatus).bind("amountPaid", d.amountPaid)
                .bind("amountOutstanding", d.amountOutstanding).bind("paymentDate", d.paymentDate)
                .bind("processedBy", d.processedBy).bind("source", d.source).bind("notes", d.notes);
    }

    /** Unique and foreign-key violations are the client's doing: 409 / 400 naming the field, never a 500. */
    private static RuntimeException translate(UnableToExecuteStatementException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String constraint = constraint(sql);
                switch (sql.getSQLState()) {
                    case "23505":
                        if (NUMBER_PROVIDER_UNIQUE.equals(constraint)) {
                            return ApiException.conflict("numero_factura",
                                    "An invoice with this numero_factura already exists for this proveedor.");
                        }
                        return ApiException.conflict("non_field_errors", "This invoice conflicts with another one.");
                    case "23503":
                        return ApiException.validation(constraint != null && constraint.contains("ot_id") ? "ot"
                                : "proveedor", "The referenced object does not exist.");
                    default:
                        return e;
                }
            }
        }
        return e;
    }

    private static String constraint(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return m == null ? null : m.getConstraint();
        }
        return null;
    }
}
