/**
 * Invoice file uploads and downloads: {@code POST /api/invoices/upload/} parses the multipart body as a stream and
 * puts each file into a content-addressed blob store (upload-hashing) while its rows are written, and
 * {@code GET /api/invoices/{id}/file/} streams a stored file back. The entry point is
 * {@link io.nextops.invoices.upload.InvoiceUploads}; its settings are {@link io.nextops.invoices.upload.UploadConfig}.
 */
package io.nextops.invoices.upload;
