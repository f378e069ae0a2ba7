package io.nextops.ots.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an .xlsx before the XLSX reader opens it: it must be a zip holding {@code xl/workbook.xml}, and the
 * uncompressed size of its entries must stay within the limits. Sizes declared in the zip are checked first (an
 * honest bomb is refused without inflating anything); then every entry is inflated into a counter that stops at the
 * limit, so a zip whose headers lie about the sizes is refused after at most the limit was inflated, and nothing is
 * kept in memory but one 64 KiB buffer. Thread-safe (stateless).
 */
final class ZipGuard {
    static final String SHARED_STRINGS = "xl/sharedStrings.xml";
    private static final int MAX_ENTRIES = 10_000;

    private ZipGuard() {}

    static void check(Path file, OtImportLimits limits) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw new BadFileException("no es un archivo .xlsx válido (falta xl/workbook.xml)");
            }
            if (zip.size() > MAX_ENTRIES) {
                throw new BadFileException("el archivo .xlsx tiene demasiadas entradas (" + zip.size() + ")");
            }
            long declared = 0;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                long size = Math.max(0, e.getSize());
                declared += size;
                checkSize(e.getName(), size, declared, limits);
            }
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                long entry = 0;
                try (InputStream in = zip.getInputStream(e)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        entry += n;
                        total += n;
                        checkSize(e.getName(), entry, total, limits);
                    }
                }
            }
        } catch (ZipException e) {
            throw new BadFileException("no es un archivo Excel (.xlsx) válido: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadFileException("no se pudo leer el archivo .xlsx: " + e.getMessage(), e);
        }
    }

    private static void checkSize(String entry, long entryBytes, long totalBytes, OtImportLimits limits) {
        if (totalBytes > limits.maxUncompressedBytes()) {
            throw new BadFileException("el archivo .xlsx descomprimido supera el límite de "
                    + limits.maxUncompressedBytes() / OtImportLimits.MB + " MB (posible bomba zip)");
        }
        if (entry.equals(SHARED_STRINGS) && entryBytes > limits.maxSharedStringsBytes()) {
            throw new BadFileException("la tabla de textos compartidos (" + SHARED_STRINGS + ") supera el límite de "
                    + limits.maxSharedStringsBytes() / OtImportLimits.MB + " MB");
        }
    }
}
