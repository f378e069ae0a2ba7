package io.nextops.ots.imports;

import io.nextops.ots.catalog.ClientRepository;
import io.nextops.ots.catalog.NewClient;
import io.nextops.ots.workorder.Ot;
import io.nextops.ots.workorder.OtDraft;
import io.nextops.ots.workorder.OtRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * One import request, in two passes over each file and nothing but one batch of rows in memory at a time.
 *
 * <ol>
 * <li>Check: in one transaction that writes nothing but a temp table: skip files already imported (by SHA-256),
 * parse and validate every row (errors listed with their row), and put each valid row's number, client and
 * operativo into the temp table. Then one query finds the client and operativo conflicts against the database and
 * between the files (and rows) of the request.</li>
 * <li>Write, only when there are no conflicts: each writable file in its own transaction, read again from its
 * start, in batches: clients, carriers and existing OTs looked up per batch with {@code = ANY(?)}, inserts and updates
 * sent as JDBC batches; then its {@code processed_files} row with its own statistics.</li>
 * </ol>
 * Row errors follow {@link OtImportLimits#mode()}: in {@code ROWS} (the original's, the default) a file's valid rows
 * are written and its bad rows skipped, each reported with its row number, and a file is writable unless the file
 * itself is bad (unreadable, missing columns, too many rows) or none of its rows is valid; in {@code STRICT} a file
 * with any row error is not written. Either way a file gets its {@code processed_files} row only when written.
 * Not thread-safe (one per request).
 */
final class ImportRun {
    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);
    private static final String KEYS = "ot_import_keys";

    private final Jdbi jdbi;
    private final OtRepository ots;
    private final ClientRepository clientRepository;
    private final OtImportLimits limits;
    private final Long userId;
    private final ImportReport report = new ImportReport();
    /** Per file, the row numbers pass 1 refused after parsing them (ROWS mode: a deleted OT's number). */
    private final Map<Integer, Set<Integer>> excluded = new HashMap<>();

    ImportRun(Jdbi jdbi, OtRepository ots, ClientRepository clients, OtImportLimits limits, Long userId) {
        this.jdbi = jdbi;
        this.ots = ots;
        this.clientRepository = clients;
        this.limits = limits;
        this.userId = userId;
    }

    ImportReport run(List<ImportFile> files) {
        report.strict(strict());
        List<ImportReport.FileReport> reports = new ArrayList<>();
        for (ImportFile f : files) {
            reports.add(report.file(f.name()));
        }
        boolean[] writable = jdbi.withHandle(h -> check(h, files, reports));
        if (report.hasConflicts()) {
            return report;
        }
        for (int i = 0; i < files.size(); i++) {
            if (writable[i]) {
                ImportFile file = files.get(i);
                ImportReport.FileReport r = reports.get(i);
                try {
                    Set<Integer> skip = excluded.getOrDefault(i, Set.of());
                    jdbi.useTransaction(h -> write(h, file, r, skip));
                    r.status = r.hasErrors() ? "importado con errores" : "importado";
                } catch (JdbiException e) {
                    // e.g. another import created the same OT number meanwhile: this file is rolled back whole
                    log.warn("ot import - {} rolled back", file.name(), e);
                    r.created = 0;
                    r.updated = 0;
                    r.skipped = 0;
                    r.status = "rechazado";
                    r.error("N/A", "N/A", "no se pudo guardar el archivo (se revirtió completo): "
                            + e.getClass().getSimpleName());
                }
            }
        }
        return report;
    }

    // ---- pass 1: check -------------------------------------------------------------------------------------------

    private boolean[] check(Handle h, List<ImportFile> files, List<ImportReport.FileReport> reports) {
        boolean[] writable = new boolean[files.size()];
        h.begin();
        try {
            h.execute("CREATE TEMP TABLE " + KEYS + " (file_idx int NOT NULL, row_num int NOT NULL, "
                    + "numero_ot text NOT NULL, cliente text NOT NULL, cliente_norm text NOT NULL, "
                    + "operativo text NOT NULL) ON COMMIT DROP");
            Set<String> hashesSeen = new HashSet<>();
            for (int i = 0; i < files.size(); i++) {
                ImportFile file = files.get(i);
                ImportReport.FileReport r = reports.get(i);
                Optional<Integer> previousRows = h.createQuery(
                                "SELECT total_rows FROM processed_files WHERE file_hash = :h")
                        .bind("h", file.sha256()).mapTo(Integer.class).findOne();
                if (previousRows.isPresent() || !hashesSeen.add(file.sha256())) {
                    int rows = previousRows.orElse(0);
                    r.status = "duplicado";
                    r.totalRows = rows;
                    r.skipped = rows;
                    r.warning("N/A", "N/A", "archivo duplicado", previousRows.isPresent()
                            ? "El archivo ya fue importado anteriormente (mismo contenido); se omitió."
                            : "El archivo está repetido en esta misma carga; se omitió.");
                    continue;
                }
                boolean fileError = false;
                int staged = 0;
                try {
                    if (file.rejection() != null) {
                        throw new BadFileException(file.rejection());
                    }
                    staged = checkFile(h, i, file, r);
                } catch (BadFileException e) {
                    r.error("N/A", "N/A", e.getMessage());
                    fileError = true;
                }
                boolean rejected = strict() ? r.hasErrors() : fileError || (r.hasErrors() && staged == 0);
                if (rejected) {
                    r.status = "rechazado";
                    h.createUpdate("DELETE FROM " + KEYS + " WHERE file_idx = :i").bind("i", i).execute();
                } else {
                    writable[i] = true;
                }
            }
            deletedOts(h, files, reports, writable);
            conflicts(h, files);
        } finally {
            h.rollback();
        }
        return writable;
    }

    private boolean strict() {
        return limits.mode() == OtImportLimits.Mode.STRICT;
    }

    /** Validates every row of {@code file}, staging the valid ones; returns how many were staged. */
    private int checkFile(Handle h, int fileIdx, ImportFile file, ImportReport.FileReport r) {
        try (SheetSource src = SheetSource.open(file.path(), file.name(), limits)) {
            List<String> missing = src.header().missingRequired();
            if (!missing.isEmpty()) {
                throw new BadFileException("faltan columnas requeridas: " + String.join(", ", missing));
            }
            RowParser parser = new RowParser(src.header(), file.tipoOperacion(), src.date1904());
            PreparedBatch batch = h.prepareBatch("INSERT INTO " + KEYS + " VALUES (:f, :r, :n, :c, :cn, :o)");
            int inBatch = 0;
            int staged = 0;
            List<String> problems = new ArrayList<>();
            for (List<Object> cells; (cells = src.next()) != null; ) {
                if (RowParser.blank(cells)) {
                    continue;
                }
                if (++r.totalRows > limits.maxRows()) {
                    throw new BadFileException("el archivo tiene más de " + limits.maxRows() + " filas de datos");
                }
                problems.clear();
                ParsedRow row = parser.parse(cells, src.rowNumber(), problems);
                if (row == null) {
                    String ot = Cells.text(src.header().get(cells, Column.NUMERO_OT));
                    r.error(src.rowNumber(), ot.isEmpty() ? "N/A" : ot, String.join("; ", problems));
                    continue;
                }
                if (strict() && r.hasErrors()) {
                    continue; // the file will not be written: no need to stage its rows
                }
                staged++;
                batch.bind("f", fileIdx).bind("r", row.rowNumber()).bind("n", row.numeroOt())
                        .bind("c", row.cliente()).bind("cn", row.clienteNormalized())
                        .bind("o", row.operativo().toUpperCase(Locale.ROOT)).add();
                if (++inBatch == limits.batchRows()) {
                    batch.execute();
                    batch = h.prepareBatch("INSERT INTO " + KEYS + " VALUES (:f, :r, :n, :c, :cn, :o)");
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                batch.execute();
            }
            return staged;
        } catch (IOException e) {
            throw new BadFileException("no se pudo leer el archivo: " + e.getMessage(), e);
        }
    }

    /** numero_ot is unique among deleted OTs too: a row naming a deleted OT can be neither created nor updated. */
    private void deletedOts(Handle h, List<ImportFile> files, List<ImportReport.FileReport> reports,
                            boolean[] writable) {
        h.createQuery("SELECT k.file_idx, k.row_num, k.numero_ot FROM " + KEYS + " k "
                        + "JOIN ots o ON o.numero_ot = k.numero_ot AND o.is_deleted ORDER BY 1, 2")
                .mapToMap().forEach(m -> {
                    int i = ((Number) m.get("file_idx")).intValue();
                    ImportReport.FileReport r = reports.get(i);
                    r.error(m.get("row_num"), (String) m.get("numero_ot"),
                            "numero_ot: la OT fue eliminada; su número no puede reutilizarse");
                    if (strict()) {
                        r.status = "rechazado";
                        writable[i] = false;
                    } else {
                        excluded.computeIfAbsent(i, k -> new HashSet<>()).add(((Number) m.get("row_num")).intValue());
                    }
                });
        if (!strict()) {
            h.execute("DELETE FROM " + KEYS + " k USING ots o WHERE o.numero_ot = k.numero_ot AND o.is_deleted");
            for (int i = 0; i < files.size(); i++) {
                if (writable[i] && excluded.containsKey(i) && h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM " + KEYS
                        + " WHERE file_idx = :i)").bind("i", i).mapTo(Boolean.class).one()) {
                    reports.get(i).status = "rechazado"; // every row was refused
                    writable[i] = false;
                }
            }
        }
        for (int i = 0; i < files.size(); i++) {
            if (!writable[i]) {
                h.createUpdate("DELETE FROM " + KEYS + " WHERE file_idx = :i").bind("i", i).execute();
            }
        }
    }

    private void conflicts(Handle h, List<ImportFile> files) {
        h.execute("CREATE INDEX ON " + KEYS + " (numero_ot)");
        h.execute("ANALYZE " + KEYS);
        // against the database: the OT exists with another client (by normalized name, through a merge) or operativo
        h.createQuery("SELECT k.file_idx, k.row_num, k.numero_ot, k.cliente, k.operativo, "
                        + "c.original_name AS db_cliente, o.operativo AS db_operativo, "
                        + "(c.normalized_name <> k.cliente_norm AND coalesce(m.normalized_name, '') <> k.cliente_norm) "
                        + "AS cliente_differs "
                        + "FROM " + KEYS + " k JOIN ots o ON o.numero_ot = k.numero_ot AND NOT o.is_deleted "
                        + "JOIN client_aliases c ON c.id = o.cliente_id "
                        + "LEFT JOIN client_aliases m ON m.id = c.merged_into_id "
                        + "WHERE (c.normalized_name <> k.cliente_norm AND coalesce(m.normalized_name, '') <> k.cliente_norm) "
                        + "OR (k.operativo <> '-' AND o.operativo <> '-' AND upper(o.operativo) <> k.operativo) "
                        + "ORDER BY 1, 2 LIMIT :limit")
                .bind("limit", ImportReport.MAX_LISTED * 2 + 1)
                .mapToMap().forEach(m -> {
                    boolean client = Boolean.TRUE.equals(m.get("cliente_differs"));
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("type", client ? "cliente" : "operativo");
                    c.put("ot", m.get("numero_ot"));
                    c.put("file", files.get(((Number) m.get("file_idx")).intValue()).name());
                    c.put("row", m.get("row_num"));
                    c.put("valor_actual", client ? m.get("db_cliente") : m.get("db_operativo"));
                    c.put("valor_nuevo", client ? m.get("cliente") : m.get("operativo"));
                    c.put("message", "La OT " + m.get("numero_ot") + " ya existe con " + (client
                            ? "el cliente \"" + m.get("db_cliente") + "\"; el archivo indica \"" + m.get("cliente")
                            : "el operativo \"" + m.get("db_operativo") + "\"; el archivo indica \"" + m.get("operativo"))
                            + "\".");
                    report.conflict(c);
                });
        // between the files (or rows) of this request: one OT number with two clients or two operativos
        h.createQuery("SELECT numero_ot, array_agg(DISTINCT cliente) AS clientes, "
                        + "array_agg(DISTINCT operativo) FILTER (WHERE operativo <> '-') AS operativos, "
                        + "count(DISTINCT cliente_norm) > 1 AS cliente_differs, "
                        + "array_agg(DISTINCT file_idx) AS file_idxs "
                        + "FROM " + KEYS + " GROUP BY numero_ot "
                        + "HAVING count(DISTINCT cliente_norm) > 1 "
                        + "OR count(DISTINCT operativo) FILTER (WHERE operativo <> '-') > 1 "
                        + "ORDER BY numero_ot LIMIT :limit")
                .bind("limit", ImportReport.MAX_LISTED * 2 + 1)
                .mapToMap().forEach(m -> {
                    boolean client = Boolean.TRUE.equals(m.get("cliente_differs"));
                    List<String> names = new ArrayList<>();
                    for (Object idx : array(m.get("file_idxs"))) {
                        names.add(files.get(((Number) idx).intValue()).name());
                    }
                    List<Object> values = array(m.get(client ? "clientes" : "operativos"));
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("type", client ? "cliente" : "operativo");
                    c.put("ot", m.get("numero_ot"));
                    c.put("file", String.join(", ", names));
                    c.put("row", "N/A");
                    c.put("valores", values);
                    c.put("message", "La OT " + m.get("numero_ot") + " aparece con distintos "
                            + (client ? "clientes" : "operativos") + " en esta carga: " + values + ".");
                    report.conflict(c);
                });
    }

    private static List<Object> array(Object sqlArray) {
        try {
            if (sqlArray instanceof java.sql.Array a) {
                return List.of((Object[]) a.getArray());
            }
            return List.of();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("ot import - cannot read a SQL array", e);
        }
    }

    // ---- pass 2: write -------------------------------------------------------------------------------------------

    private void write(Handle h, ImportFile file, ImportReport.FileReport r, Set<Integer> skip) {
        Set<Long> clientsTouched = new HashSet<>();
        int created = 0;
        int updated = 0;
        int skipped = 0;
        try (SheetSource src = SheetSource.open(file.path(), file.name(), limits)) {
            RowParser parser = new RowParser(src.header(), file.tipoOperacion(), src.date1904());
            Map<String, ParsedRow> batch = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            int[] counts = new int[3];
            for (List<Object> cells; (cells = src.next()) != null; ) {
                if (RowParser.blank(cells)) {
                    continue;
                }
                if (skip.contains(src.rowNumber())) {
                    continue; // refused in pass 1 (and reported there)
                }
                problems.clear();
                ParsedRow row = parser.parse(cells, src.rowNumber(), problems);
                if (row == null && !strict()) {
                    continue; // a bad row: reported in pass 1, left out of the write
                }
                if (row == null) {
                    // pass 1 saw the same bytes: cannot happen unless the file changed under us
                    throw new IllegalStateException("ot import - row " + src.rowNumber() + " of " + file.name()
                            + " failed on the second read: " + problems);
                }
                if (batch.containsKey(row.numeroOt()) || batch.size() == limits.batchRows()) {
                    flush(h, batch, r, clientsTouched, counts); // a repeated number sees the earlier row written
                }
                batch.put(row.numeroOt(), row);
            }
            flush(h, batch, r, clientsTouched, counts);
            created = counts[0];
            updated = counts[1];
            skipped = counts[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ots.refreshUsageCounts(h, clientsTouched);
        r.created = created;
        r.updated = updated;
        r.skipped = skipped;
        h.createUpdate("INSERT INTO processed_files (file_hash, filename, total_rows, created_count, updated_count, "
                        + "skipped_count, processed_by, operation_type) VALUES (:h, :f, :t, :c, :u, :s, 'system', :o) "
                        + "ON CONFLICT (file_hash) DO UPDATE SET filename = EXCLUDED.filename, "
                        + "total_rows = EXCLUDED.total_rows, created_count = EXCLUDED.created_count, "
                        + "updated_count = EXCLUDED.updated_count, skipped_count = EXCLUDED.skipped_count, "
                        + "operation_type = EXCLUDED.operation_type, updated_at = now()")
                .bind("h", file.sha256()).bind("f", truncate(file.name(), 500)).bind("t", r.totalRows)
                .bind("c", created).bind("u", updated).bind("s", skipped).bind("o", file.tipoOperacion())
                .execute();
    }

    private void flush(Handle h, Map<String, ParsedRow> batch, ImportReport.FileReport r, Set<Long> clientsTouched,
                       int[] counts) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Ot> existing = ots.findByNumbers(h, batch.keySet());
        Map<String, Long> clients = clients(h, batch.values(), existing);
        Map<String, Long> carriers = carriers(h, batch.values());
        List<OtDraft> inserts = new ArrayList<>();
        Map<Long, OtDraft> updates = new LinkedHashMap<>();
        for (ParsedRow row : batch.values()) {
            Ot ot = existing.get(row.numeroOt());
            Long carrier = row.naviera() == null ? null : carriers.get(row.naviera().toUpperCase(Locale.ROOT));
            if (row.naviera() != null && carrier == null) {
                r.warning(row.rowNumber(), row.numeroOt(), "naviera no encontrada",
                        "La naviera \"" + row.naviera() + "\" no existe en el catálogo de proveedores; se dejó vacía.");
            }
            String hash = row.rowHash();
            if (ot == null) {
                long client = clients.get(row.clienteNormalized());
                inserts.add(Merge.create(row, client, carrier));
                clientsTouched.add(client);
                continue;
            }
            OtDraft current = ot.toDraft();
            OtDraft merged = hash.equals(ot.rowHash()) ? null : Merge.update(current, row, carrier);
            if (merged == null || Merge.sameData(merged, current)) {
                counts[2]++;
                r.warning(row.rowNumber(), row.numeroOt(), "fila sin cambios",
                        "La OT " + row.numeroOt() + " no tiene cambios; se omitió.");
            } else {
                updates.put(ot.id(), merged);
            }
        }
        ots.insertBatch(h, inserts, userId);
        ots.updateBatch(h, updates, userId);
        counts[0] += inserts.size();
        counts[1] += updates.size();
        batch.clear();
    }

    /** Client ids by normalized name (a merged alias resolves to the one it was merged into); missing ones created. */
    private Map<String, Long> clients(Handle h, Iterable<ParsedRow> rows, Map<String, Ot> existing) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (ParsedRow row : rows) {
            if (!existing.containsKey(row.numeroOt())) {
                wanted.putIfAbsent(row.clienteNormalized(), row.cliente());
            }
        }
        Map<String, Long> ids = new HashMap<>();
        if (wanted.isEmpty()) {
            return ids;
        }
        h.createQuery("SELECT DISTINCT ON (a.normalized_name) a.normalized_name, coalesce(m.id, a.id) AS id "
                        + "FROM client_aliases a LEFT JOIN client_aliases m ON m.id = a.merged_into_id "
                        + "AND NOT m.is_deleted WHERE a.normalized_name = ANY(:names) AND NOT a.is_deleted "
                        + "ORDER BY a.normalized_name, a.merged_into_id IS NOT NULL, a.usage_count DESC, a.id")
                .bindArray("names", String.class, wanted.keySet())
                .mapToMap().forEach(m -> ids.put((String) m.get("normalized_name"), ((Number) m.get("id")).longValue()));
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!ids.containsKey(e.getKey())) {
                ids.put(e.getKey(), clientRepository.insert(h, NewClient.of(e.getValue())).id());
            }
        }
        return ids;
    }

    /** Carrier ids by upper-cased nombre (the original matches providers case-insensitively). */
    private Map<String, Long> carriers(Handle h, Iterable<ParsedRow> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (ParsedRow row : rows) {
            if (row.naviera() != null) {
                names.add(row.naviera().toUpperCase(Locale.ROOT));
            }
        }
        Map<String, Long> ids = new HashMap<>();
        if (names.isEmpty()) {
            return ids;
        }
        h.createQuery("SELECT DISTINCT ON (upper(nombre)) upper(nombre) AS n, id FROM catalogs_provider "
                        + "WHERE upper(nombre) = ANY(:names) AND NOT is_deleted ORDER BY upper(nombre), id")
                .bindArray("names", String.class, names)
                .mapToMap().forEach(m -> ids.put((String) m.get("n"), ((Number) m.get("id")).longValue()));
        return ids;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
