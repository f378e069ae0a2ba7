package io.nextops.invoices.upload;

import io.nextops.hashing.store.StoredBlob;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads and writes {@code invoices_uploaded_file} (reference 1.2) for uploads and downloads. One row per distinct
 * content: {@code sha256} is unique, {@code path} is the blob store's key (derived from the digest, never from the
 * client's name), {@code content_type} the sniffed type. Methods take the caller's {@link Handle}. Stateless,
 * thread-safe.
 */
final class UploadedFileRepository {
    /** The active invoice of a file: id and number. */
    record ActiveInvoice(long id, String number) {}

    /** A stored file as the download needs it. */
    record StoredFile(long id, String filename, String sha256, long size, String contentType) {}

    /**
     * The row of {@code blob}: inserted with {@code filename}, or the existing row of the same digest (reuse rule:
     * its original name is kept). Safe against a concurrent insert of the same digest by another process.
     */
    /** The id of the file row of {@code sha256}, if there is one. */
    Optional<Long> find(Handle h, String sha256) {
        return h.createQuery("SELECT id FROM invoices_uploaded_file WHERE sha256 = :sha256").bind("sha256", sha256)
                .mapTo(Long.class).findOne();
    }

    long insertOrFind(Handle h, String filename, StoredBlob blob) {
        Optional<Long> inserted = h.createQuery("""
                        INSERT INTO invoices_uploaded_file (filename, path, sha256, size, content_type)
                        VALUES (:filename, :path, :sha256, :size, :contentType)
                        ON CONFLICT (sha256) DO NOTHING RETURNING id""")
                .bind("filename", filename).bind("path", blob.key()).bind("sha256", blob.digestHex())
                .bind("size", blob.sizeBytes()).bind("contentType", blob.type().mimeType())
                .mapTo(Long.class).findOne();
        return inserted.orElseGet(() -> h.createQuery("SELECT id FROM invoices_uploaded_file WHERE sha256 = :sha256")
                .bind("sha256", blob.digestHex()).mapTo(Long.class).one());
    }

    /**
     * Locks row {@code fileId} until the transaction ends (so that two requests cannot both give it an invoice) and
     * returns its active invoice, if any: the duplicate rule's "an invoice with is_deleted=false and deleted_at IS
     * NULL points to it".
     */
    Optional<ActiveInvoice> lockAndFindActiveInvoice(Handle h, long fileId) {
        h.createQuery("SELECT id FROM invoices_uploaded_file WHERE id = :id FOR UPDATE").bind("id", fileId)
                .mapTo(Long.class).one();
        return h.createQuery("""
                        SELECT id, numero_factura FROM invoices_invoice
                        WHERE uploaded_file_id = :id AND is_deleted = false AND deleted_at IS NULL
                        ORDER BY id LIMIT 1""")
                .bind("id", fileId).map((rs, ctx) -> new ActiveInvoice(rs.getLong(1), rs.getString(2))).findOne();
    }

    /** The file of live invoice {@code invoiceId}; empty when the invoice is missing, deleted or has no file. */
    Optional<StoredFile> findByInvoice(Handle h, long invoiceId) {
        return h.createQuery("""
                        SELECT f.id, f.filename, f.sha256, f.size, f.content_type
                        FROM invoices_invoice i JOIN invoices_uploaded_file f ON f.id = i.uploaded_file_id
                        WHERE i.id = :id AND i.is_deleted = false""")
                .bind("id", invoiceId)
                .map((rs, ctx) -> new StoredFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5)))
                .findOne();
    }
}
