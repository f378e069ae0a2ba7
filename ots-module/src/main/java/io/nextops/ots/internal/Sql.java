package io.nextops.ots.internal;

import io.nextops.web.ApiException;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** SQL helpers shared by the repositories. Thread-safe (stateless). */
public final class Sql {
    private Sql() {}

    /**
     * A pattern for {@code ILIKE} that matches {@code value} anywhere, with the wildcards {@code %}, {@code _} and the
     * escape character {@code \} of the value taken literally (PostgreSQL's default LIKE escape is {@code \}).
     */
    public static String contains(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8).append('%');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('%').toString();
    }

    /**
     * Turns a unique violation (SQLState 23505) of one of {@code constraintToField} into a 409 naming the field, and
     * a foreign-key violation (23503) into a 400; returns null for anything else so that the caller rethrows.
     */
    public static ApiException conflict(Throwable failure, Map<String, String> constraintToField) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String constraint = constraint(sql);
                if ("23505".equals(sql.getSQLState())) {
                    String field = constraint == null ? null : constraintToField.get(constraint);
                    if (field == null) {
                        return new ApiException(ApiException.Kind.CONFLICT, "IntegrityError",
                                "A row with the same unique value already exists.");
                    }
                    return ApiException.conflict(field, "A row with this " + field + " already exists.");
                }
                if ("23503".equals(sql.getSQLState())) {
                    return ApiException.validation("non_field_errors", "A referenced object does not exist.");
                }
                return null;
            }
        }
        return null;
    }

    private static String constraint(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return m == null ? null : m.getConstraint();
        }
        return null;
    }
}
