package io.nextops.ots.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A WHERE clause built from fixed SQL fragments and named, bound values: no value is ever written into the SQL text.
 * Not thread-safe: build, then use.
 */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, List<String>> arrays = new LinkedHashMap<>();

    /** Adds a condition, ANDed with the others; {@code fragment} is SQL written by us, never by the client. */
    public Where and(String fragment) {
        conditions.add(fragment);
        return this;
    }

    public Where bind(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Binds a {@code varchar[]} (for {@code = ANY(:name)} and {@code ILIKE ANY(:name)}). */
    public Where bindArray(String name, List<String> value) {
        arrays.put(name, List.copyOf(value));
        return this;
    }

    /** {@code " WHERE a AND b"}, or "" when empty. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The bound names and values in binding order, arrays as lists: a key with value equality (count cache). */
    public List<Object> key() {
        List<Object> key = new ArrayList<>();
        values.forEach((name, value) -> {
            key.add(name);
            key.add(value);
        });
        arrays.forEach((name, list) -> {
            key.add(name);
            key.add(list);
        });
        return key;
    }

    /** Binds every value to {@code statement}. */
    public <S extends SqlStatement<S>> S applyTo(S statement) {
        values.forEach(statement::bind);
        arrays.forEach((name, list) -> statement.bindArray(name, String.class, list));
        return statement;
    }
}
