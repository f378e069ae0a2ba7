/**
 * One-pass handling of uploads: read once in fixed chunks, hashed, size-limited, type-sniffed and written in the same
 * pass. Start at {@link io.nextops.hashing.UploadHasher}.
 *
 * <pre>{@code
 * UploadHasher hasher = UploadHasher.create();                  // SHA-256, 64 KiB chunks
 * FileSystemBlobStore store = FileSystemBlobStore.create(blobRoot, hasher);
 * store.sweepStaleTempFiles(Duration.ofMinutes(30));           // at startup: leftovers of a crash
 *
 * UploadLimits limits = UploadLimits.defaults()                 // 10 MiB
 *         .withAllowedTypes(FileType.PDF, FileType.XML, FileType.JSON);
 * try {
 *     long id = store.put(part.getInputStream(), limits,        // blob in place, then the row; a failing
 *             blob -> jdbi.inTransaction(h -> insertRow(h, blob))); // callback deletes a blob it created
 * } catch (SizeLimitExceededException | FileTypeNotAllowedException e) { ... 413 / 415 ...
 * } catch (SourceReadException e) { ... client gone ... }
 * }</pre>
 */
package io.nextops.hashing;
