/**
 * Where uploaded files are stored, as {@code BLOB_STORE} says: the filesystem store of {@code upload-hashing}, or
 * {@link io.nextops.server.blobs.S3BlobStore} on an S3-compatible bucket shared by several server instances (AWS SDK
 * v2; digests locked across instances with PostgreSQL advisory locks). {@link io.nextops.server.blobs.BlobStores}
 * opens the configured one.
 */
package io.nextops.server.blobs;
