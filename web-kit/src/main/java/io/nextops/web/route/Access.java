package io.nextops.web.route;

import io.nextops.web.Role;

/**
 * Who may call a route. The server's authentication filter reads it from the route table; no filter tests a path.
 * Field-level rules (which fields {@code finanzas} may patch) stay with the handler, which knows the body.
 */
public enum Access {
    /** Anyone, without a token: health, the token endpoints, the API document. */
    OPEN,
    /** Any active user with a valid bearer token, whatever the role. */
    AUTHENTICATED,
    /** Managers only: {@code admin} and {@code jefe_operaciones} (create, delete, upload, import). */
    MANAGER,
    /** Operators: clients on the loopback interface, or {@code Authorization: Bearer <METRICS_TOKEN>}. */
    METRICS,
    /**
     * Operators' pages with data ({@code /admin/memory/data}): the METRICS rule, or the bearer access token of an
     * {@code admin} (401 without a valid token, 403 for another role).
     */
    OPERATOR;

    /** Whether a caller with {@code role} passes this rule (after authentication; never true for METRICS). */
    public boolean allows(Role role) {
        return switch (this) {
            case OPEN, AUTHENTICATED -> true;
            case MANAGER -> role.canManage();
            case METRICS -> false;
            case OPERATOR -> role == Role.ADMIN;
        };
    }

    /** Whether the route needs a user's bearer token (OPERATOR does not from loopback or with the metrics token). */
    public boolean needsUser() {
        return this == AUTHENTICATED || this == MANAGER;
    }
}
