package io.nextops.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authenticated user of a request, put on the request by the server's authentication filter under
 * {@link #ATTRIBUTE}. Domain servlets ask it for permission: reads are open to every role, create and delete to
 * managers, and {@code finanzas} may patch only the fields a resource lists for it.
 *
 * @param userId user id
 * @param username user name
 * @param role role
 */
public record Caller(long userId, String username, Role role) {
    public static final String ATTRIBUTE = "nextops.caller";

    /** The caller of {@code request}; 401 when the request carries none (no authentication filter ran). */
    public static Caller of(HttpServletRequest request) {
        Object c = request.getAttribute(ATTRIBUTE);
        if (c instanceof Caller caller) {
            return caller;
        }
        throw ApiException.notAuthenticated("Authentication credentials were not provided.");
    }

    /** Create, delete, upload and import: admin and jefe_operaciones only. */
    public void requireManager() {
        if (!role.canManage()) {
            throw ApiException.permissionDenied("You do not have permission to perform this action.");
        }
    }

    /**
     * Update: managers may change every field; {@code finanzas} only {@code financeFields}; {@code operativo} nothing.
     * {@code fields} are the fields the request body sets.
     */
    public void requireUpdate(Set<String> fields, Set<String> financeFields) {
        if (role.canManage()) {
            return;
        }
        if (role == Role.FINANZAS) {
            Set<String> forbidden = new TreeSet<>(fields);
            forbidden.removeAll(financeFields);
            if (forbidden.isEmpty()) {
                return;
            }
            throw ApiException.permissionDenied("Role finanzas may not change: " + String.join(", ", forbidden) + ".");
        }
        throw ApiException.permissionDenied("You do not have permission to perform this action.");
    }
}
