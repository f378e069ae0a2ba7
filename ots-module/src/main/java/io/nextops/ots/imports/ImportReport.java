package io.nextops.ots.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one import request, in the original's body ({@code success, has_conflicts, total_rows, processed,
 * created, updated, skipped, conflicts, errors, warnings, message}) plus {@code files}: each file's own statistics.
 * Lists are capped ({@link #MAX_LISTED} entries per file and kind, then one summary entry) so that a 500,000-row file
 * of unchanged or broken rows does not build a 500,000-entry response. Not thread-safe (one per request).
 */
public final class ImportReport {
    /** Errors, warnings and conflicts listed per file before the rest are only counted. */
    public static final int MAX_LISTED = 100;

    private final List<FileReport> files = new ArrayList<>();
    private final List<Map<String, Object>> conflicts = new ArrayList<>();
    private int conflictCount;
    private boolean strict;

    /** Whether a file with a row error was left out whole ({@link OtImportLimits.Mode#STRICT}), for the message. */
    void strict(boolean value) {
        this.strict = value;
    }

    /** The statistics of one file. Not thread-safe. */
    public static final class FileReport {
        final String file;
        String status = "pendiente";
        int totalRows;
        int created;
        int updated;
        int skipped;
        int errorCount;
        int warningCount;
        final List<Map<String, Object>> errors = new ArrayList<>();
        final List<Map<String, Object>> warnings = new ArrayList<>();

        FileReport(String file) {
            this.file = file;
        }

        void error(Object row, String ot, String message) {
            errorCount++;
            if (errors.size() < MAX_LISTED) {
                errors.add(entry(row, ot, "error", message, file));
            }
        }

        void warning(Object row, String ot, String type, String message) {
            warningCount++;
            if (warnings.size() < MAX_LISTED) {
                warnings.add(entry(row, ot, type, message, file));
            }
        }

        boolean hasErrors() {
            return errorCount > 0;
        }

        public int created() {
            return created;
        }

        public int updated() {
            return updated;
        }

        public int skipped() {
            return skipped;
        }

        public int totalRows() {
            return totalRows;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file);
            m.put("status", status);
            m.put("total_rows", totalRows);
            m.put("created", created);
            m.put("updated", updated);
            m.put("skipped", skipped);
            m.put("errors", errorCount);
            m.put("warnings", warningCount);
            return m;
        }
    }

    FileReport file(String name) {
        FileReport f = new FileReport(name);
        files.add(f);
        return f;
    }

    void conflict(Map<String, Object> conflict) {
        conflictCount++;
        if (conflicts.size() < MAX_LISTED * 2) {
            conflicts.add(conflict);
        }
    }

    public boolean hasConflicts() {
        return conflictCount > 0;
    }

    public List<FileReport> files() {
        return files;
    }

    /** The files' processed rows (created + updated + skipped), the original's {@code processed}. */
    public int processed() {
        return files.stream().mapToInt(f -> f.created + f.updated + f.skipped).sum();
    }

    public int errorCount() {
        return files.stream().mapToInt(f -> f.errorCount).sum();
    }

    /** 409 with conflicts; 207 when there were errors and nothing was processed; else 200. */
    public int status() {
        if (hasConflicts()) {
            return 409;
        }
        return errorCount() > 0 && processed() == 0 ? 207 : 200;
    }

    /** The response body. */
    public Map<String, Object> toBody() {
        int created = 0;
        int updated = 0;
        int skipped = 0;
        int total = 0;
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (FileReport f : files) {
            created += f.created;
            updated += f.updated;
            skipped += f.skipped;
            total += f.totalRows;
            errors.addAll(f.errors);
            if (f.errorCount > f.errors.size()) {
                errors.add(entry("N/A", "N/A", "resumen",
                        (f.errorCount - f.errors.size()) + " errores más no listados", f.file));
            }
            warnings.addAll(f.warnings);
            if (f.warningCount > f.warnings.size()) {
                warnings.add(entry("N/A", "N/A", "resumen",
                        (f.warningCount - f.warnings.size()) + " advertencias más no listadas", f.file));
            }
        }
        if (conflictCount > conflicts.size()) {
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("type", "resumen");
            more.put("message", (conflictCount - conflicts.size()) + " conflictos más no listados");
            conflicts.add(more);
        }
        int processed = processed();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", !hasConflicts() && (errors.isEmpty() || processed > 0));
        body.put("has_conflicts", hasConflicts());
        body.put("total_rows", total);
        body.put("processed", processed);
        body.put("created", created);
        body.put("updated", updated);
        body.put("skipped", skipped);
        body.put("conflicts", conflicts);
        body.put("errors", errors);
        body.put("warnings", warnings);
        body.put("message", message(created, updated, skipped, processed));
        body.put("files", files.stream().map(FileReport::toMap).toList());
        return body;
    }

    private String message(int created, int updated, int skipped, int processed) {
        if (hasConflicts()) {
            return "Se encontraron " + conflictCount + " conflictos de cliente u operativo; no se importó nada. "
                    + "Resuélvalos y vuelva a subir los archivos.";
        }
        String counts = created + " OTs creadas, " + updated + " actualizadas, " + skipped + " omitidas";
        int errors = errorCount();
        if (errors > 0 && processed == 0) {
            return "No se importó ninguna fila: " + errors + " errores.";
        }
        return errors > 0 ? "Importación parcial: " + counts + "; " + errors + " errores ("
                + (strict ? "archivos con errores no se importaron" : "las filas con errores no se importaron") + ")."
                : "Importación completada: " + counts + ".";
    }

    static Map<String, Object> entry(Object row, String ot, String type, String message, String file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", row);
        m.put("ot", ot);
        m.put("type", type);
        m.put("message", message);
        m.put("file", file);
        return m;
    }
}
