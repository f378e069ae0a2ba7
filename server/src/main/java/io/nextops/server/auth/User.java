package io.nextops.server.auth;

import io.nextops.web.Role;

/**
 * A row of {@code accounts_user}, as far as authentication needs it. {@code toString()} leaves the hash out.
 * Immutable.
 *
 * @param id primary key (the tokens' {@code user_id})
 * @param username login name, unique
 * @param passwordHash Django-encoded hash, see {@link PasswordHasher}
 * @param role role
 * @param active false: may neither log in nor use its tokens
 */
record User(long id, String username, String passwordHash, Role role, boolean active) {
    User {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty, was \"" + username + "\"");
        }
        if (role == null) {
            throw new IllegalArgumentException("role must not be null (user " + username + ")");
        }
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", role=" + role.value() + ", active=" + active + "]";
    }
}
