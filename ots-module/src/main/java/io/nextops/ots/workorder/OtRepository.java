package io.nextops.ots.workorder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.ApiException;
import io.nextops.web.FieldError;
import io.nextops.web.Json;
import io.nextops.ots.internal.Sql;
import io.nextops.web.page.CountCache;
import io.nextops.ots.internal.Where;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * OTs in {@code ots}, read with their client and carrier joined (to-one joins: no DISTINCT, no query per row).
 * Only active rows ({@code is_deleted = false}) are visible. Every insert and update applies {@link OtRules}.
 * Thread-safe.
 *
 * <p>Lists and exports select with an {@link OtQuery}: {@link #count(Handle, OtQuery)} is one statement and
 * {@link #stream(Handle, OtQuery, long, int)} / {@link #stream(Handle, OtQuery)} one more, whatever the number of
 * rows. The rows come from a server-side cursor, so the handle must be inside a transaction:
 *
 * <pre>{@code
 * jdbi.useTransaction(h -> {
 *     long count = ots.workOrders().count(h, query);
 *     try (Stream<Ot> rows = ots.workOrders().stream(h, query).stream()) {
 *         rows.forEach(sink::write);                      // FETCH_SIZE rows fetched at a time
 *     }
 * });
 * }</pre>
 */
public final class OtRepository {
    /** Rows fetched per round trip when streaming. */
    public static final int FETCH_SIZE = 1000;
    static final String SELECT = "SELECT "
            + "o.id, o.numero_ot, o.cliente_id, o.proveedor_id, o.master_bl, "
            + "o.house_bls::text AS house_bls, o.contenedores::text AS contenedores, o.fecha_eta, "
            + "o.fecha_llegada, o.etd, o.puerto_origen, o.puerto_destino, o.operativo, o.tipo_operacion, "
            + "o.tipo_embarque, o.barco, o.estado, o.estado_source, o.fecha_eta_source, "
            + "o.fecha_llegada_source, o.barco_source, o.proveedor_source, o.puerto_origen_source, "
            + "o.puerto_destino_source, o.fecha_solicitud_facturacion, o.fecha_recepcion_factura, "
            + "o.estado_facturado, o.express_release_tipo, o.express_release_fecha, "
            + "o.contra_entrega_tipo, o.contra_entrega_fecha, o.envio_cierre_ot, o.comentarios, "
            + "o.provision_hierarchy::text AS provision_hierarchy, o.fecha_provision, "
            + "o.provision_source, o.provision_locked, o.provision_updated_by, o.estado_provision, "
            + "o.notas, o.row_hash, c.original_name AS cliente_nombre, pr.nombre AS proveedor_nombre, "
            + "o.modificado_por_id, o.estado_facturacion_venta, o.monto_total_vendido, "
            + "o.monto_total_costos, o.margen_bruto, o.porcentaje_margen, o.created_at, o.updated_at"
            + " FROM ots o LEFT JOIN client_aliases c ON c.id = o.cliente_id"
            + " LEFT JOIN catalogs_provider pr ON pr.id = o.proveedor_id";
    private static final String INSERT = "INSERT INTO ots ("
            + "numero_ot, cliente_id, proveedor_id, master_bl, house_bls, contenedores, fecha_eta, "
            + "fecha_llegada, etd, puerto_origen, puerto_destino, operativo, tipo_operacion, "
            + "tipo_embarque, barco, estado, estado_source, fecha_eta_source, fecha_llegada_source, "
            + "barco_source, proveedor_source, puerto_origen_source, puerto_destino_source, "
            + "fecha_solicitud_facturacion, fecha_recepcion_factura, estado_facturado, "
            + "express_release_tipo, express_release_fecha, contra_entrega_tipo, contra_entrega_fecha, "
            + "envio_cierre_ot, comentarios, provision_hierarchy, fecha_provision, provision_source, "
            + "provision_locked, provision_updated_by, estado_provision, notas, row_hash"
            + ", modificado_por_id) VALUES ("
            + ":numero_ot, :cliente_id, :proveedor_id, :master_bl, CAST(:house_bls AS jsonb), "
            + "CAST(:contenedores AS jsonb), :fecha_eta, :fecha_llegada, :etd, :puerto_origen, "
            + ":puerto_destino, :operativo, :tipo_operacion, :tipo_embarque, :barco, :estado, "
            + ":estado_source, :fecha_eta_source, :fecha_llegada_source, :barco_source, "
            + ":proveedor_source, :puerto_origen_source, :puerto_destino_source, "
            + ":fecha_solicitud_facturacion, :fecha_recepcion_factura, :estado_facturado, "
            + ":express_release_tipo, :express_release_fecha, :contra_entrega_tipo, "
            + ":contra_entrega_fecha, :envio_cierre_ot, :comentarios, "
            + "CAST(:provision_hierarchy AS jsonb), :fecha_provision, :provision_source, "
            + ":provision_locked, :provision_updated_by, :estado_provision, :notas, :row_hash"
            + ", :modificado_por_id)";
    private static final String UPDATE = "UPDATE ots SET "
            + "numero_ot = :numero_ot, cliente_id = :cliente_id, proveedor_id = :proveedor_id, "
            + "master_bl = :master_bl, house_bls = CAST(:house_bls AS jsonb), "
            + "contenedores = CAST(:contenedores AS jsonb), fecha_eta = :fecha_eta, "
            + "fecha_llegada = :fecha_llegada, etd = :etd, puerto_origen = :puerto_origen, "
            + "puerto_destino = :puerto_destino, operativo = :operativo, "
            + "tipo_operacion = :tipo_operacion, tipo_embarque = :tipo_embarque, barco = :barco, "
            + "estado = :estado, estado_source = :estado_source, fecha_eta_source = :fecha_eta_source, "
            + "fecha_llegada_source = :fecha_llegada_source, barco_source = :barco_source, "
            + "proveedor_source = :proveedor_source, puerto_origen_source = :puerto_origen_source, "
            + "puerto_destino_source = :puerto_destino_source, "
            + "fecha_solicitud_facturacion = :fecha_solicitud_facturacion, "
            + "fecha_recepcion_factura = :fecha_recepcion_factura, estado_facturado = :estado_facturado, "
            + "express_release_tipo = :express_release_tipo, "
            + "express_release_fecha = :express_release_fecha, "
            + "contra_entrega_tipo = :contra_entrega_tipo, contra_entrega_fecha = :contra_entrega_fecha, "
            + "envio_cierre_ot = :envio_cierre_ot, comentarios = :comentarios, "
            + "provision_hierarchy = CAST(:provision_hierarchy AS jsonb), "
            + "fecha_provision = :fecha_provision, provision_source = :provision_source, "
            + "provision_locked = :provision_locked, provision_updated_by = :provision_updated_by, "
            + "estado_provision = :estado_provision, notas = :notas, row_hash = :row_hash"
            + ", modificado_por_id = :modificado_por_id, updated_at = now() WHERE id = :id AND is_deleted = false";
    private static final Map<String, String> UNIQUE = Map.of("ots_numero_ot_key", "numero_ot");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    /** The tables the OT count reads: filters may test the joined client and provider. */
    private static final List<String> COUNTED_TABLES = List.of("ots", "client_aliases", "catalogs_provider");

    private final Jdbi jdbi;
    /** Exact list counts, recounted only after a write to the table (bounded LRU). */
    private final CountCache counts = new CountCache(1024);

    public OtRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Number of active OTs matching {@code query}; one statement. */
    public long count(OtQuery query) {
        return jdbi.withHandle(h -> count(h, query));
    }

    /** Number of active OTs matching {@code query} on {@code handle}; one statement. */
    public long count(Handle handle, OtQuery query) {
        Where w = query.where();
        return counts.count(handle, COUNTED_TABLES, "SELECT count(*) FROM ots o"
                        + " LEFT JOIN client_aliases c ON c.id = o.cliente_id"
                        + " LEFT JOIN catalogs_provider pr ON pr.id = o.proveedor_id" + w.sql(), w::applyTo, w.key());
    }

    /**
     * Every active OT matching {@code query}, in its order, from a cursor ({@link #FETCH_SIZE} rows per fetch);
     * one statement. {@code handle} must be in a transaction (PgJDBC only streams with autocommit off); iterate
     * and close the result inside it.
     */
    public ResultIterable<Ot> stream(Handle handle, OtQuery query) {
        requireTransaction(handle);
        Where w = query.where();
        return w.applyTo(handle.createQuery(SELECT + w.sql() + query.orderBy()))
                .setFetchSize(FETCH_SIZE).map(OtRepository::map);
    }

    /** As {@link #stream(Handle, OtQuery)}, the {@code limit} rows from {@code offset} only (a page). */
    public ResultIterable<Ot> stream(Handle handle, OtQuery query, long offset, int limit) {
        requireTransaction(handle);
        Where w = query.where();
        return w.applyTo(handle.createQuery(SELECT + w.sql() + query.orderBy() + " LIMIT :limit OFFSET :offset"))
                .bind("limit", limit).bind("offset", offset)
                // limit + 1: a fetch of exactly limit rows leaves the portal open and costs one more round trip
                .setFetchSize((int) Math.min(limit + 1L, FETCH_SIZE)).map(OtRepository::map);
    }

    /** The active OT {@code id}, if any. */
    public Optional<Ot> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** The active OT {@code id} on {@code handle}, if any. */
    public Optional<Ot> find(Handle handle, long id) {
        return handle.createQuery(SELECT + " WHERE o.id = :id AND o.is_deleted = false")
                .bind("id", id).map(OtRepository::map).findOne();
    }

    /**
     * Inserts {@code draft} after the save rules; 400 (validation ApiException) for a broken rule or a client or
     * carrier that does not exist, 409 (conflict ApiException on numero_ot) for a number already used, soft-deleted
     * OTs included.
     *
     * @param modifiedBy user id recorded in {@code modificado_por_id}, or null
     */
    public Ot insert(OtDraft draft, Long modifiedBy) {
        return write(() -> jdbi.inTransaction(h -> insert(h, draft, modifiedBy)));
    }

    /** As {@link #insert(OtDraft, Long)} on {@code handle}; the caller maps SQL failures with its own policy. */
    public Ot insert(Handle handle, OtDraft draft, Long modifiedBy) {
        OtDraft d = OtRules.apply(draft);
        requireReferences(handle, d, null);
        long id = bind(handle.createUpdate(INSERT), d).bind("modificado_por_id", modifiedBy)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        refreshUsage(handle, d.clienteId(), null);
        return find(handle, id).orElseThrow();
    }

    /**
     * Changes the active OT {@code id}: locks it, passes its fields to {@code change}, applies the save rules to
     * the result and writes it. 404 (not-found ApiException) when the OT does not exist or was deleted; otherwise as
     * {@link #insert(OtDraft, Long)}.
     */
    public Ot update(long id, UnaryOperator<OtDraft> change, Long modifiedBy) {
        return write(() -> jdbi.inTransaction(h -> {
            Ot current = h.createQuery(SELECT + " WHERE o.id = :id AND o.is_deleted = false FOR UPDATE OF o")
                    .bind("id", id).map(OtRepository::map).findOne()
                    .orElseThrow(() -> ApiException.notFound("OT"));
            OtDraft before = current.toDraft();
            OtDraft d = OtRules.apply(change.apply(before));
            requireReferences(h, d, before);
            bind(h.createUpdate(UPDATE), d).bind("modificado_por_id", modifiedBy).bind("id", id).execute();
            refreshUsage(h, d.clienteId(), before.clienteId());
            return find(h, id).orElseThrow();
        }));
    }

    /**
     * The active OTs numbered {@code numbers} (already upper-cased), keyed by number; one statement. For imports,
     * which look a batch of rows up at once.
     */
    public Map<String, Ot> findByNumbers(Handle handle, java.util.Collection<String> numbers) {
        Map<String, Ot> found = new java.util.HashMap<>();
        handle.createQuery(SELECT + " WHERE o.numero_ot = ANY(:numbers) AND o.is_deleted = false")
                .bindArray("numbers", String.class, numbers).map(OtRepository::map)
                .forEach(ot -> found.put(ot.numeroOt(), ot));
        return found;
    }

    /**
     * Inserts {@code drafts} after the save rules in one JDBC batch, without the per-row reference check and
     * re-read of {@link #insert(Handle, OtDraft, Long)} (imports resolve clients and carriers themselves) and without
     * refreshing usage counts (call {@link #refreshUsageCounts} once at the end).
     */
    public void insertBatch(Handle handle, List<OtDraft> drafts, Long modifiedBy) {
        if (drafts.isEmpty()) {
            return;
        }
        org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch(INSERT);
        for (OtDraft d : drafts) {
            bind(batch, OtRules.apply(d)).bind("modificado_por_id", modifiedBy).add();
        }
        batch.execute();
    }

    /** As {@link #insertBatch} for updates of the active OTs keyed by id. */
    public void updateBatch(Handle handle, Map<Long, OtDraft> drafts, Long modifiedBy) {
        if (drafts.isEmpty()) {
            return;
        }
        org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch(UPDATE);
        for (Map.Entry<Long, OtDraft> e : drafts.entrySet()) {
            bind(batch, OtRules.apply(e.getValue())).bind("modificado_por_id", modifiedBy).bind("id", e.getKey()).add();
        }
        batch.execute();
    }

    /** Recomputes {@code usage_count} of {@code clientIds} in one statement (after batch writes). */
    public void refreshUsageCounts(Handle handle, java.util.Collection<Long> clientIds) {
        if (clientIds.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE client_aliases a SET usage_count = (SELECT count(*) FROM ots o "
                        + "WHERE o.cliente_id = a.id AND o.is_deleted = false) WHERE a.id = ANY(:ids)")
                .bindArray("ids", Long.class, clientIds).execute();
    }

    /** Soft-deletes the active OT {@code id} (is_deleted and deleted_at together); false when there is none. */
    public boolean softDelete(long id) {
        return jdbi.inTransaction(h -> {
            Optional<Long> client = h.createQuery("UPDATE ots SET is_deleted = true, deleted_at = now(), "
                            + "updated_at = now() WHERE id = :id AND is_deleted = false RETURNING cliente_id")
                    .bind("id", id).mapTo(Long.class).findOne();
            client.ifPresent(c -> refreshUsage(h, c, null));
            return client.isPresent();
        });
    }

    private static Ot write(Supplier<Ot> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            ApiException api = Sql.conflict(e, UNIQUE);
            throw api != null ? api : e;
        }
    }

    /** The client and carrier must be active rows (checked only when new or changed, as a PATCH validates). */
    private static void requireReferences(Handle h, OtDraft d, OtDraft before) {
        boolean checkClient = before == null || !d.clienteId().equals(before.clienteId());
        boolean checkCarrier = d.proveedorId() != null
                && (before == null || !d.proveedorId().equals(before.proveedorId()));
        if (!checkClient && !checkCarrier) {
            return;
        }
        Map<String, Object> found = h.createQuery("SELECT "
                        + "EXISTS (SELECT 1 FROM client_aliases WHERE id = :c AND is_deleted = false) AS client, "
                        + "EXISTS (SELECT 1 FROM catalogs_provider WHERE id = :p AND is_deleted = false) AS carrier")
                .bind("c", d.clienteId()).bind("p", d.proveedorId()).mapToMap().one();
        List<FieldError> errors = new ArrayList<>();
        if (checkClient && !Boolean.TRUE.equals(found.get("client"))) {
            errors.add(new FieldError("cliente", "Invalid pk \"" + d.clienteId() + "\" - object does not exist."));
        }
        if (checkCarrier && !Boolean.TRUE.equals(found.get("carrier"))) {
            errors.add(new FieldError("proveedor", "Invalid pk \"" + d.proveedorId() + "\" - object does not exist."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** Recomputes {@code usage_count} of the clients an OT write touched (the original does it in a signal). */
    static void refreshUsage(Handle h, long client, Long previousClient) {
        h.createUpdate("UPDATE client_aliases a SET usage_count = (SELECT count(*) FROM ots o "
                        + "WHERE o.cliente_id = a.id AND o.is_deleted = false) WHERE a.id IN (:c1, :c2)")
                .bind("c1", client).bind("c2", previousClient == null ? client : previousClient).execute();
    }

    private static <S extends SqlStatement<S>> S bind(S s, OtDraft d) {
        return s
                .bind("numero_ot", d.numeroOt())
                .bind("cliente_id", d.clienteId())
                .bind("proveedor_id", d.proveedorId())
                .bind("master_bl", d.masterBl())
                .bind("house_bls", json(d.houseBls()))
                .bind("contenedores", json(d.contenedores()))
                .bind("fecha_eta", d.fechaEta())
                .bind("fecha_llegada", d.fechaLlegada())
                .bind("etd", d.etd())
                .bind("puerto_origen", d.puertoOrigen())
                .bind("puerto_destino", d.puertoDestino())
                .bind("operativo", d.operativo())
                .bind("tipo_operacion", d.tipoOperacion())
                .bind("tipo_embarque", d.tipoEmbarque())
                .bind("barco", d.barco())
                .bind("estado", d.estado())
                .bind("estado_source", d.estadoSource())
                .bind("fecha_eta_source", d.fechaEtaSource())
                .bind("fecha_llegada_source", d.fechaLlegadaSource())
                .bind("barco_source", d.barcoSource())
                .bind("proveedor_source", d.proveedorSource())
                .bind("puerto_origen_source", d.puertoOrigenSource())
                .bind("puerto_destino_source", d.puertoDestinoSource())
                .bind("fecha_solicitud_facturacion", d.fechaSolicitudFacturacion())
                .bind("fecha_recepcion_factura", d.fechaRecepcionFactura())
                .bind("estado_facturado", d.estadoFacturado())
                .bind("express_release_tipo", d.expressReleaseTipo())
                .bind("express_release_fecha", d.expressReleaseFecha())
                .bind("contra_entrega_tipo", d.contraEntregaTipo())
                .bind("contra_entrega_fecha", d.contraEntregaFecha())
                .bind("envio_cierre_ot", d.envioCierreOt())
                .bind("comentarios", d.comentarios())
                .bind("provision_hierarchy", json(d.provisionHierarchy()))
                .bind("fecha_provision", d.fechaProvision())
                .bind("provision_source", d.provisionSource())
                .bind("provision_locked", d.provisionLocked())
                .bind("provision_updated_by", d.provisionUpdatedBy())
                .bind("estado_provision", d.estadoProvision())
                .bind("notas", d.notas())
                .bind("row_hash", d.rowHash());
    }

    private static void requireTransaction(Handle handle) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("ots - streaming needs a handle inside a transaction "
                    + "(jdbi.useTransaction(h -> ...)); with autocommit on, PgJDBC would load every row at once");
        }
    }

    static Ot map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Ot(rs.getLong("id"),
                rs.getString("numero_ot"),
                rs.getLong("cliente_id"),
                rs.getString("cliente_nombre"),
                rs.getObject("proveedor_id", Long.class),
                rs.getString("proveedor_nombre"),
                rs.getString("master_bl"),
                strings(rs.getString("house_bls")),
                strings(rs.getString("contenedores")),
                rs.getObject("fecha_eta", LocalDate.class),
                rs.getObject("fecha_llegada", LocalDate.class),
                rs.getObject("etd", LocalDate.class),
                rs.getString("puerto_origen"),
                rs.getString("puerto_destino"),
                rs.getString("operativo"),
                rs.getString("tipo_operacion"),
                rs.getString("tipo_embarque"),
                rs.getString("barco"),
                rs.getString("estado"),
                rs.getString("estado_source"),
                rs.getString("fecha_eta_source"),
                rs.getString("fecha_llegada_source"),
                rs.getString("barco_source"),
                rs.getString("proveedor_source"),
                rs.getString("puerto_origen_source"),
                rs.getString("puerto_destino_source"),
                rs.getObject("fecha_solicitud_facturacion", LocalDate.class),
                rs.getObject("fecha_recepcion_factura", LocalDate.class),
                rs.getString("estado_facturado"),
                rs.getString("express_release_tipo"),
                rs.getObject("express_release_fecha", LocalDate.class),
                rs.getString("contra_entrega_tipo"),
                rs.getObject("contra_entrega_fecha", LocalDate.class),
                rs.getObject("envio_cierre_ot", LocalDate.class),
                rs.getString("comentarios"),
                node(rs.getString("provision_hierarchy")),
                rs.getObject("fecha_provision", LocalDate.class),
                rs.getString("provision_source"),
                rs.getBoolean("provision_locked"),
                rs.getString("provision_updated_by"),
                rs.getString("estado_provision"),
                rs.getString("notas"),
                rs.getString("row_hash"),
                rs.getObject("modificado_por_id", Long.class),
                rs.getString("estado_facturacion_venta"),
                rs.getBigDecimal("monto_total_vendido"),
                rs.getBigDecimal("monto_total_costos"),
                rs.getBigDecimal("margen_bruto"),
                rs.getBigDecimal("porcentaje_margen"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(String json) throws SQLException {
        try {
            return json == null ? List.of() : Json.MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("ots - not a JSON array of strings: " + json, e);
        }
    }

    private static JsonNode node(String json) throws SQLException {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("ots - not JSON: " + json, e);
        }
    }
}
