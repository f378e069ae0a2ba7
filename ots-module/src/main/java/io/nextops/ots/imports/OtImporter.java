package io.nextops.ots.imports;

import io.nextops.hashing.UploadHasher;
import io.nextops.ots.api.MultipartParser;
import io.nextops.ots.catalog.ClientRepository;
import io.nextops.ots.workorder.OtRepository;
import jakarta.servlet.http.HttpServlet;
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
 * context.addServlet(new ServletHolder(importer.servlet(multipartParser)), "/api/ots/import_excel/*");
 *
 * // or directly, over files already on disk:
 * ImportReport report = importer.run(List.of(ImportFile.of("ots.xlsx", path, sha256Hex, "importacion")), userId);
 * int status = report.status();            // 200, 207 or 409
 * Map<String, Object> body = report.toBody();
 * }</pre>
 */
public final class OtImporter {
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
     * The servlet of {@code POST /api/ots/import_excel/}: multipart {@code files} (repeatable) and
     * {@code tipos_operacion} (a JSON array, one value per file). Needs the server's ApiErrorFilter in front and a
     * {@link io.nextops.ots.api.Caller} on the request; managers only. The body is read with {@code multipart}
     * (the server's parser).
     */
    public HttpServlet servlet(MultipartParser multipart) {
        return new OtImportServlet(this, hasher, Objects.requireNonNull(multipart, "multipart"));
    }

    /** Imports {@code files} (already spooled and hashed) for user {@code userId} (may be null). */
    public ImportReport run(List<ImportFile> files, Long userId) {
        return new ImportRun(jdbi, ots, clients, limits, userId).run(files);
    }
}
