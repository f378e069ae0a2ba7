package io.nextops.server.auth;

import io.nextops.web.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads and writes {@code accounts_user} and the refresh-token blacklist. Thread-safe. */
final class UserStore {
    private static final String COLUMNS = "id, username, password, role, is_active";

    private final Jdbi jdbi;

    UserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<User> byUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts_user WHERE username = :u")
                .bind("u", username)
                .map((rs, ctx) -> user(rs))
                .findOne());
    }

    Optional<User> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts_user WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> user(rs))
                .findOne());
    }

    long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM accounts_user").mapTo(Long.class).one());
    }

    /** Inserts a user; empty when the username is taken. */
    Optional<Long> insert(String username, String passwordHash, Role role, String email, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO accounts_user (username, password, role, email, date_joined)
                        VALUES (:username, :password, :role, :email, :now)
                        ON CONFLICT (username) DO NOTHING
                        RETURNING id""")
                .bind("username", username)
                .bind("password", passwordHash)
                .bind("role", role.value())
                .bind("email", email == null ? "" : email)
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .mapTo(Long.class)
                .findOne());
    }

    /** Sets {@code last_login}, and the password hash when {@code newHash} is not null (stronger iteration count). */
    void recordLogin(long id, Instant now, String newHash) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE accounts_user SET last_login = :now, password = coalesce(:hash, password) WHERE id = :id")
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .bind("hash", newHash)
                .bind("id", id)
                .execute());
    }

    /** Blacklists refresh token {@code jti}; false when it already was (the token was used before). */
    boolean blacklist(String jti, long userId, Instant expiresAt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO auth_refresh_blacklist (jti, user_id, expires_at) VALUES (:jti, :user, :exp)
                        ON CONFLICT (jti) DO NOTHING""")
                .bind("jti", jti)
                .bind("user", userId)
                .bind("exp", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .execute()) == 1;
    }

    boolean isBlacklisted(String jti) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM auth_refresh_blacklist WHERE jti = :jti")
                .bind("jti", jti).mapTo(Long.class).one()) > 0;
    }

    /** Deletes blacklist entries of tokens that expired before {@code now}; returns how many. */
    int purgeBlacklist(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM auth_refresh_blacklist WHERE expires_at < :now")
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .execute());
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("password"),
                Role.of(rs.getString("role")), rs.getBoolean("is_active"));
    }
}
