package io.nextops.web.download;

import io.nextops.web.route.Param;
import java.util.List;
import io.nextops.export.ExportFormat;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.Params;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What a download says about itself: the {@code format} parameter, the original's file name
 * ({@code {prefix}_{count}_registros_{YYYYmmdd_HHMMSS}.xlsx}, UTC) and the response headers. Stateless, thread-safe.
 *
 * <pre>{@code
 * ExportFormat format = ExportDownload.format(params);      // xlsx unless ?format=csv; bad values recorded
 * params.validate();
 * String name = ExportDownload.fileName("Facturas", count, Instant.now(), format);
 * ExportDownload.headers(response, format, name);
 * }</pre>
 */
public final class ExportDownload {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ExportDownload() {}

    /** The {@code format} query parameter of every export route. */
    public static final Param FORMAT = Param.choice("format", List.of("xlsx", "excel", "csv"),
            "xlsx (also excel) or csv (UTF-8 with BOM); case-insensitive");

    /**
     * The {@code format} parameter: absent, {@code xlsx} or {@code excel} is XLSX, {@code csv} is CSV (case
     * ignored). Anything else is recorded as an error in {@code params} and XLSX is returned.
     */
    public static ExportFormat format(Params params) {
        String v = params.oneOfIgnoreCase("format", java.util.Set.of("xlsx", "excel", "csv"));
        return "csv".equals(v) ? ExportFormat.CSV : ExportFormat.XLSX;
    }

    /** {@code {prefix}_{count}_registros_{yyyyMMdd_HHmmss}.{ext}} with {@code now} in UTC, as the original. */
    public static String fileName(String prefix, long count, Instant now, ExportFormat format) {
        return format.fileName(prefix + "_" + count + "_registros_" + STAMP.format(now));
    }

    /**
     * {@code attachment; filename="..."; filename*=UTF-8''...} (RFC 6266 / RFC 8187): the quoted form with anything
     * outside printable ASCII, quotes and backslashes replaced by {@code _}, the extended form percent-encoded.
     */
    public static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder(fileName.length());
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        StringBuilder ext = new StringBuilder(fileName.length() + 16);
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                ext.append((char) c);
            } else {
                ext.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + ext;
    }

    /** Status 200, content type, disposition (exposed to browsers across origins) and {@code no-store}. */
    public static void headers(HttpServletResponse response, ExportFormat format, String fileName) {
        response.setStatus(200);
        response.setContentType(format.contentType());
        response.setHeader("Content-Disposition", contentDisposition(fileName));
        response.setHeader("Access-Control-Expose-Headers", "Content-Disposition");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
