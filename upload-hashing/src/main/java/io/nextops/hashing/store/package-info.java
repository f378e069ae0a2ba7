/**
 * Content-addressed storage of uploads: {@link io.nextops.hashing.store.BlobStore} and its filesystem implementation
 * {@link io.nextops.hashing.store.FileSystemBlobStore}. Read the {@code BlobStore} class comment for how to keep a
 * blob and its database row together.
 */
package io.nextops.hashing.store;
