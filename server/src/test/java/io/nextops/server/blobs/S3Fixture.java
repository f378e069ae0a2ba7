package io.nextops.server.blobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.store.StoredBlob;
import io.nextops.testsupport.S3Proxy;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * One bucket of the shared s3proxy and one database with a {@code blob_row} table (the "file row" a callback
 * commits), and stores over them built like a server builds its own: each with its S3 client and its connection
 * pool, as separate instances would have.
 */
final class S3Fixture implements AutoCloseable {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    final S3Proxy s3proxy;
    final String bucket;
    final TestDatabase db;
    final Path spoolRoot;
    private final List<AutoCloseable> opened = new ArrayList<>();

    S3Fixture(S3Proxy s3proxy) throws IOException, SQLException {
        this.s3proxy = s3proxy;
        this.bucket = "nextops-test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        this.db = SharedPostgres.newDatabase("s3blobs");
        this.spoolRoot = Files.createTempDirectory("s3-spool");
        try (S3Client admin = S3Clients.create(config(""))) {
            admin.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
        }
        execute("CREATE TABLE blob_row (sha256 varchar(64) PRIMARY KEY, size bigint NOT NULL, key text NOT NULL)");
    }

    S3Config config(String prefix) {
        return new S3Config(s3proxy.endpoint(), bucket, "us-east-1", s3proxy.accessKeyId(),
                s3proxy.secretAccessKey(), true, prefix);
    }

    /** A store as one server instance has it: its own S3 client, its own pool, its own spool directory. */
    S3BlobStore store(String prefix, long partSizeBytes) throws IOException {
        return store(S3Clients.create(config(prefix)), prefix, partSizeBytes);
    }

    S3BlobStore store(S3Client client, String prefix, long partSizeBytes) throws IOException {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(db.jdbcUrl());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(pool);
        S3BlobStore store = S3BlobStore.create(client, config(prefix), dataSource,
                Files.createTempDirectory(spoolRoot, "instance"), UploadHasher.create(), partSizeBytes);
        opened.add(store);
        opened.add(dataSource);
        return store;
    }

    /** The callback a server's upload runs: insert the file row, or find it, in one transaction. */
    long insertRow(StoredBlob blob) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO blob_row (sha256, size, key) VALUES (?, ?, ?) "
                     + "ON CONFLICT (sha256) DO NOTHING")) {
            st.setString(1, blob.digestHex());
            st.setLong(2, blob.sizeBytes());
            st.setString(3, blob.key());
            return st.executeUpdate();
        }
    }

    long rows(String sha256) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM blob_row WHERE sha256 = ?")) {
            st.setString(1, sha256);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    /** Every file s3proxy keeps for the bucket: objects and any multipart leftovers, relative to the bucket. */
    List<String> bucketFiles() {
        return s3proxy.filesIn(bucket);
    }

    /** Spool files of every store of this fixture. */
    List<Path> spoolFiles() throws IOException {
        try (var s = Files.walk(spoolRoot)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }
}
