package io.nextops.web;

import java.util.Locale;

/** The original's user roles. */
public enum Role {
    ADMIN, JEFE_OPERACIONES, FINANZAS, OPERATIVO;

    /** The stored and serialized form, as in the original: {@code jefe_operaciones}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form; throws IllegalArgumentException for an unknown role. */
    public static Role of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Admins and heads of operations may create, delete, upload and import; the others may not. */
    public boolean canManage() {
        return this == ADMIN || this == JEFE_OPERACIONES;
    }
}
