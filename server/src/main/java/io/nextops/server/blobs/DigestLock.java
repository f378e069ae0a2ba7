package io.nextops.server.blobs;

import io.nextops.hashing.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock per digest shared by every server instance on one PostgreSQL database: a transaction-level advisory lock
 * ({@code pg_advisory_xact_lock}) on a connection of its own, held until {@link Held#close()} rolls that transaction
 * back. A crashed instance's session ends and PostgreSQL releases its locks, so a lock can never outlive its holder.
 * Keys are the first 32 bits of the digest in a key space of their own (the two-int form, class {@link #LOCK_CLASS}):
 * two digests sharing those bits only wait for each other, which is harmless.
 *
 * <p>{@link #tryLock} is the same lock without waiting: {@link MultipartSweeper} takes it to learn that no live instance
 * is uploading a digest.
 *
 * <p>Thread-safety: thread-safe; each {@link #lock} and {@link #tryLock} uses its own connection.
 */
final class DigestLock {
    private static final Logger log = LoggerFactory.getLogger(DigestLock.class);
    /** The first int of every blob lock key ("NXBL"): keeps them apart from any other advisory lock. */
    static final int LOCK_CLASS = 0x4E58_424C;
    /** PostgreSQL's lock_not_available: lock_timeout passed. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource dataSource;
    private final Duration maxWait;

    DigestLock(DataSource dataSource, Duration maxWait) {
        if (dataSource == null || maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("dataSource must be set and maxWait > 0, were " + dataSource + ", "
                    + maxWait);
        }
        this.dataSource = dataSource;
        this.maxWait = maxWait;
    }

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Blocks until the lock of {@code digestHex} is held, at most {@code maxWait} (another instance may be uploading
     * the same content). Throws {@link StorageException} when the database cannot be reached or the wait is over.
     */
    Held lock(String digestHex) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("blob lock - no database connection to lock " + digestHex + ": " + e, e);
        }
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '" + maxWait.toMillis() + "ms'");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setInt(2, keyOf(digestHex));
                ps.execute();
            }
            return () -> release(c);
        } catch (SQLException e) {
            release(c);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new StorageException("blob lock - another upload of the same content (" + digestHex
                        + ") held the lock for longer than " + maxWait.toSeconds() + "s", e);
            }
            throw new StorageException("blob lock - locking " + digestHex + " failed: " + e, e);
        }
    }

    /**
     * The lock of {@code digestHex} if nobody holds it now, without waiting ({@code pg_try_advisory_xact_lock}, same
     * key): empty when a live upload (or delete) of that digest, on any instance, holds it. Throws
     * {@link StorageException} when the database cannot be reached.
     */
    Optional<Held> tryLock(String digestHex) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("blob lock - no database connection to try the lock of " + digestHex + ": "
                    + e, e);
        }
        try {
            c.setAutoCommit(false);
            boolean got;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setInt(2, keyOf(digestHex));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    got = rs.getBoolean(1);
                }
            }
            if (!got) {
                release(c);
                return Optional.empty();
            }
            return Optional.of(() -> release(c));
        } catch (SQLException e) {
            release(c);
            throw new StorageException("blob lock - trying the lock of " + digestHex + " failed: " + e, e);
        }
    }

    static int keyOf(String digestHex) {
        return (int) Long.parseLong(digestHex.substring(0, 8), 16);
    }

    private static void release(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // closing ends the transaction too: the pool rolls back or discards a broken connection
            log.debug("blob lock - rollback failed, closing the connection: {}", e.toString());
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("blob lock - closing the lock connection failed: {}", e.toString());
            }
        }
    }
}
