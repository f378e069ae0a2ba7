package io.nextops.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.hashing.store.FileSystemBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's usage example, compiled and run; {@link ReadmeSnippets} keeps the README's copy identical. */
class ReadmeExampleTest {

    /** An uploaded multipart part, as a servlet container or multipart parser hands it over. */
    record Part(byte[] content) {
        InputStream getInputStream() {
            return new ByteArrayInputStream(content);
        }
    }

    /** Stands in for the application's table of stored files (digest -> file id). */
    static final class FileTable {
        final Map<String, Long> idsByDigest = new LinkedHashMap<>();

        Optional<Long> findActiveFor(String digestHex) {
            return Optional.ofNullable(idsByDigest.get(digestHex));
        }

        long insert(String digestHex, long sizeBytes, FileType type, String key) {
            long id = idsByDigest.size() + 1L;
            idsByDigest.put(digestHex, id);
            return id;
        }
    }

    static String upload(Path blobDir, Part part, FileTable files) {
        // tag::usage[]
        // wiring, once
        UploadHasher hasher = UploadHasher.create();                          // SHA-256, 64 KiB chunks
        FileSystemBlobStore store = FileSystemBlobStore.create(blobDir, hasher);
        store.sweepStaleTempFiles(Duration.ofMinutes(30));                   // temp files left by a crash
        UploadLimits invoiceLimits = UploadLimits.defaults()                 // 10 MiB per file
                .withAllowedTypes(FileType.PDF, FileType.XML, FileType.JSON);

        // per uploaded part
        try (InputStream in = part.getInputStream()) {
            return store.put(in, invoiceLimits, blob -> {                     // runs once the blob is in place
                Optional<Long> active = files.findActiveFor(blob.digestHex()); // your transaction, the row
                if (active.isPresent()) {
                    return "duplicate of file " + active.get();
                }
                long fileId = files.insert(blob.digestHex(), blob.sizeBytes(), blob.type(), blob.key());
                return "stored as file " + fileId;                            // a throw here deletes the blob
            });
        } catch (SizeLimitExceededException e) {      // 413: e.maxBytes(), e.bytesSeen()
            return "too large: over " + e.maxBytes() + " bytes";
        } catch (FileTypeNotAllowedException e) {     // 415: e.detected(), e.allowed()
            return "type " + e.detected() + " not allowed";
        } catch (SourceReadException e) {             // client went away mid-upload: nothing stored
            return "client gone";
        } catch (IOException e) {                     // closing the part's stream failed
            throw new UncheckedIOException(e);
        }                                             // StorageException (disk full, permissions): a 500
        // end::usage[]
    }

    @Test
    void storesThenRecognisesADuplicateAndRefusesOtherTypes(@TempDir Path blobDir) {
        FileTable files = new FileTable();
        Part pdf = new Part("%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(upload(blobDir, pdf, files)).isEqualTo("stored as file 1");
        assertThat(upload(blobDir, pdf, files)).isEqualTo("duplicate of file 1");
        assertThat(upload(blobDir, new Part("<html><body>hi</body></html>".getBytes(StandardCharsets.US_ASCII)), files))
                .isEqualTo("type HTML not allowed");
        byte[] bigPdf = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(pdf.content(), 0, bigPdf, 0, pdf.content().length);
        assertThat(upload(blobDir, new Part(bigPdf), files))
                .isEqualTo("too large: over 10485760 bytes");
        assertThat(files.idsByDigest).hasSize(1);
    }

    @Test
    void readmeShowsThisExampleAndCitesOnlyExistingFiles() throws Exception {
        ReadmeSnippets.assertSnippetsMatchSources();
        ReadmeSnippets.assertRelativeLinksExist();
    }
}
