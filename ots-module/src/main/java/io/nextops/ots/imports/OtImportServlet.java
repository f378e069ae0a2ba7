package io.nextops.ots.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.hashing.FileType;
import io.nextops.hashing.FileTypeNotAllowedException;
import io.nextops.hashing.HashResult;
import io.nextops.hashing.SizeLimitExceededException;
import io.nextops.hashing.SourceReadException;
import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.UploadLimits;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.Json;
import io.nextops.web.MultipartParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/ots/import_excel/} (also without the slash). The multipart body is parsed as a stream: each file
 * part is copied to its own temp file while {@link UploadHasher} hashes it and enforces the size limit, in one pass;
 * every temp file is deleted in {@code finally}. Thread-safe.
 */
final class OtImportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    /** One part's header block, file name included. */
    private static final int MAX_PART_HEADER_BYTES = 4096;

    private final transient OtImporter importer;
    private final transient UploadHasher hasher;
    private final transient MultipartParser multipart;

    OtImportServlet(OtImporter importer, UploadHasher hasher, MultipartParser multipart) {
        this.importer = importer;
        this.hasher = hasher;
        this.multipart = multipart;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller caller = Caller.of(req);
        caller.requireManager();
        String contentType = req.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new ApiException(ApiException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Envíe multipart/form-data con los campos files y tipos_operacion.");
        }
        OtImportLimits limits = importer.limits();
        List<Path> temps = new ArrayList<>();
        try {
            List<String> names = new ArrayList<>();
            List<HashResult> hashes = new ArrayList<>();
            List<String> rejections = new ArrayList<>();
            String tipos = null;
            MultipartParser.Parts items = multipart.parse(contentType, req.getInputStream(), new MultipartParser.Limits(
                    limits.maxFiles() * (limits.maxFileBytes() + MAX_FIELD_BYTES) + MAX_FIELD_BYTES,
                    limits.maxFiles() + 8, MAX_PART_HEADER_BYTES));
            for (MultipartParser.Part item = items.next(); item != null; item = items.next()) {
                if (item.isFormField()) {
                    if (item.name().equals("tipos_operacion")) {
                        tipos = field(item);
                    }
                    continue;
                }
                if (!item.name().equals("files")) {
                    continue;
                }
                if (names.size() == limits.maxFiles()) {
                    throw ApiException.validation("files", "Se permiten como máximo " + limits.maxFiles()
                            + " archivos por carga.");
                }
                String name = fileName(item.fileName());
                String ext = extension(name);
                Path temp = Files.createTempFile("ot-import-", ext);
                temps.add(temp);
                names.add(name);
                String rejection = null;
                HashResult hash;
                try (InputStream in = item.content(); OutputStream out = Files.newOutputStream(temp)) {
                    hash = hasher.copy(in, out, UploadLimits.defaults().withMaxBytes(limits.maxFileBytes())
                            .withAllowedTypes(ext.equals(".csv") ? java.util.Set.of(FileType.UNKNOWN, FileType.EMPTY)
                                    : java.util.Set.of(FileType.XLSX, FileType.ZIP)));
                } catch (FileTypeNotAllowedException e) {
                    hash = null;
                    rejection = ext.equals(".xls")
                            ? "el formato .xls (Excel 97-2003) no es compatible; guárdelo como .xlsx"
                            : "el contenido no es un archivo " + ext + " (detectado: " + e.detected() + ")";
                } catch (SizeLimitExceededException e) {
                    throw new ApiException(ApiException.Kind.PAYLOAD_TOO_LARGE, "file_too_large",
                            "El archivo \"" + name + "\" supera el límite de "
                                    + limits.maxFileBytes() / OtImportLimits.MB + " MB.");
                }
                hashes.add(hash);
                rejections.add(rejection);
            }
            if (names.isEmpty()) {
                throw ApiException.validation("files", "No se enviaron archivos.");
            }
            List<String> tiposOperacion = tiposOperacion(tipos, names.size());
            List<ImportFile> files = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                HashResult h = hashes.get(i);
                files.add(new ImportFile(names.get(i), temps.get(i), h == null ? "rejected-" + i : h.digestHex(),
                        tiposOperacion.get(i), rejections.get(i)));
            }
            ImportReport report = importer.run(files, caller.userId());
            Json.write(resp, report.status(), report.toBody());
        } catch (IOException | SourceReadException e) {
            MultipartParser.BodyTooLargeException tooLarge = cause(e, MultipartParser.BodyTooLargeException.class);
            if (tooLarge != null) {
                throw new ApiException(ApiException.Kind.PAYLOAD_TOO_LARGE, "request_too_large",
                        "La carga supera el tamaño permitido: " + tooLarge.getMessage());
            }
            if (e instanceof SourceReadException || e instanceof MultipartParser.MalformedException
                    || e instanceof java.io.EOFException) {
                throw new ApiException(ApiException.Kind.VALIDATION, "parse_error",
                        "No se pudo leer la carga multipart: " + e.getMessage());
            }
            throw e; // a temp file could not be written: not the client's fault
        } finally {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }

    private static String field(MultipartParser.Part item) throws IOException {
        try (InputStream in = item.content()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (bytes.length > MAX_FIELD_BYTES) {
                throw ApiException.validation(item.name(), "El campo es demasiado largo.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The base name the client sent (browsers on Windows may send a full path). */
    private static String fileName(String raw) {
        String n = raw == null ? "" : raw;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1).strip();
        if (n.isEmpty()) {
            throw ApiException.validation("files", "Cada archivo debe tener nombre.");
        }
        return n;
    }

    private static String extension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".xlsx", ".xls", ".csv")) {
            if (lower.endsWith(ext)) {
                return ext;
            }
        }
        throw ApiException.validation("files", "Archivo \"" + name
                + "\": solo se aceptan archivos Excel (.xlsx, .xls) o CSV (.csv).");
    }

    /** One value per file; absent means importacion for every file. */
    private static List<String> tiposOperacion(String raw, int files) {
        if (raw == null || raw.isBlank()) {
            return java.util.Collections.nCopies(files, "importacion");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiException.validation("tipos_operacion", "Debe ser un arreglo JSON, p. ej. [\"importacion\"].");
        }
        if (node == null || !node.isArray()) {
            throw ApiException.validation("tipos_operacion", "Debe ser un arreglo JSON, p. ej. [\"importacion\"].");
        }
        if (node.size() != files) {
            throw ApiException.validation("tipos_operacion", "Debe tener un valor por archivo: " + files
                    + " archivos, " + node.size() + " valores.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            String s = v.asText("");
            if (!s.equals("importacion") && !s.equals("exportacion")) {
                throw ApiException.validation("tipos_operacion", "Valor inválido \"" + s
                        + "\": use importacion o exportacion.");
            }
            out.add(s);
        }
        return out;
    }

    /** {@code t} or its first cause of {@code type}, else {@code null}. */
    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
