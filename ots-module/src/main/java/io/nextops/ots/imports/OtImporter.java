package io.nextops.ots.imports;

import io.nextops.web.route.Route;
import io.nextops.web.route.Endpoint;
import io.nextops.web.route.Access;
import io.nextops.hashing.UploadHasher;
import io.nextops.web.MultipartParser;
import io.nextops.ots.catalog.ClientRepository;
import io.nextops.ots.workorder.OtRepository;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports OTs from .xlsx (and .csv) files at a memory that does not grow with the rows: the original's
 * {@code POST /api/ots/import_excel/} (reference 4.2). Each file is read twice from its temp file, once to validate
 * it and find client/operativo conflicts, once to write it in batches inside one transaction; a file with any row
 * error is not written at all (see {@code docs/benchmarks/ot-import.md} for the policy and the figures).
 * Thread-safe.
 *
 * <pre>{@code
 * OtImporter importer = OtImporter.create(jdbi, OtImportLimits.defaults());
 * routes.add(importer.route(multipartParser));   // POST /api/ots/import_excel/
 *
 * // or directly, over files already on disk:
 * ImportReport report = importer.run(List.of(ImportFile.of("ots.xlsx", path, sha256Hex, "importacion")), userId);
 * int status = report.status();            // 200, 207 or 409
 * Map<String, Object> body = report.toBody();
 * }</pre>
 */
public final class OtImporter {
    /** Row buffers and one write batch of an import, beside its shared strings. */
    static final long BATCH_RESERVE_BYTES = 8L << 20;
    private final Jdbi jdbi;
    private final OtRepository ots;
    private final ClientRepository clients;
    private final OtImportLimits limits;
    private final UploadHasher hasher = UploadHasher.create();

    private OtImporter(Jdbi jdbi, OtImportLimits limits) {
        this.jdbi = jdbi;
        this.ots = new OtRepository(jdbi);
        this.clients = new ClientRepository(jdbi);
        this.limits = limits;
    }

    public static OtImporter create(Jdbi jdbi, OtImportLimits limits) {
        return new OtImporter(Objects.requireNonNull(jdbi, "jdbi"), Objects.requireNonNull(limits, "limits"));
    }

    public OtImportLimits limits() {
        return limits;
    }

    /**
     * {@code POST /api/ots/import_excel/}: multipart {@code files} (repeatable) and {@code tipos_operacion} (a JSON
     * array, one value per file), read with {@code multipart} (the server's parser); managers only, heavy work
     * (files are spooled and parsed).
     */
    public Route route(MultipartParser multipart) {
        // what one import may hold: the workbook's shared strings (capped by OT_IMPORT_MAX_SHARED_STRINGS_MB), plus
        // the parser's row buffers and one write batch
        return Route.post("/api/ots/import_excel/", "ots_import_excel",
                Endpoint.ofServlet(new OtImportServlet(this, hasher, Objects.requireNonNull(multipart, "multipart"))))
                .tag("imports").access(Access.MANAGER)
                .heavy(limits.maxSharedStringsBytes() + BATCH_RESERVE_BYTES).build();
    }

    /** Imports {@code files} (already spooled and hashed) for user {@code userId} (may be null). */
    public ImportReport run(List<ImportFile> files, Long userId) {
        return new ImportRun(jdbi, ots, clients, limits, userId).run(files);
    }
}
