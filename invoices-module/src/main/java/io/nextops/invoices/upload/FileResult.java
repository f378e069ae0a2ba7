package io.nextops.invoices.upload;

import io.nextops.invoices.invoice.InvoiceRow;
import java.util.LinkedHashMap;
import java.util.Map;

/** What happened to one file of an upload, in the original's per-file shapes (reference 4.1). Immutable. */
sealed interface FileResult {
    String filename();

    /** A new invoice: the original's success item. */
    record Success(String filename, long fileId, InvoiceRow invoice, long size) implements FileResult {
        static final String MESSAGE = "Invoice created with a temporary number and marked for review "
                + "(auto_parse is ignored: PDF parsing is not available in this server).";

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filename", filename);
            m.put("file_id", fileId);
            m.put("invoice_id", invoice.id());
            m.put("numero_factura", invoice.invoiceNumber());
            m.put("monto", invoice.amount().doubleValue());
            m.put("fecha_emision", invoice.issueDate().toString());
            m.put("confidence", invoice.matchConfidence() == null ? 0.0 : invoice.matchConfidence().doubleValue());
            m.put("requiere_revision", invoice.needsReview());
            m.put("ot_matched", invoice.workOrderId() != null);
            m.put("match_method", null);
            m.put("numero_contenedor", null);
            m.put("mbl", null);
            m.put("size", size);
            m.put("message", MESSAGE);
            return m;
        }
    }

    /** Same content as a file that has an active invoice. */
    record Duplicate(String filename, String invoiceNumber, String sha256) implements FileResult {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filename", filename);
            m.put("reason", "Duplicate file: already uploaded as invoice " + invoiceNumber + " (SHA-256 "
                    + sha256.substring(0, 8) + "...).");
            return m;
        }
    }

    /** Refused or failed; nothing of it is kept. */
    record Error(String filename, String error) implements FileResult {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filename", filename);
            m.put("error", error);
            return m;
        }
    }

    /** Stored with its file row, waiting for {@code proveedor_id}/{@code tipo_costo} that came after it. */
    record Pending(String filename, long fileId, String sha256, long size) implements FileResult {}

}
