package io.nextops.ots.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * The fields of a provider to create, normalized as the original's save: {@code nombre} trimmed, {@code nit} trimmed
 * and upper-cased (blank becomes null). Immutable and thread-safe.
 *
 * @param nombre name, not blank, at most 255 characters
 * @param nit tax id or null
 * @param tipo one of {@link Provider#TIPOS}
 * @param categoria one of {@link Provider#CATEGORIAS}
 * @param tieneCredito whether the provider gives credit
 * @param diasCredito credit days, >= 0
 * @param isActive active flag
 * @param email e-mail or ''
 * @param telefono phone or ''
 * @param direccion address or ''
 * @param contacto contact or ''
 * @param notas notes or ''
 */
public record NewProvider(String nombre, String nit, String tipo, String categoria, boolean tieneCredito,
                          int diasCredito, boolean isActive, String email, String telefono, String direccion,
                          String contacto, String notas) {
    public NewProvider {
        nombre = Objects.requireNonNull(nombre, "nombre").strip();
        if (nombre.isEmpty()) {
            throw new IllegalArgumentException("nombre must not be blank");
        }
        nit = nit == null || nit.isBlank() ? null : nit.strip().toUpperCase(Locale.ROOT);
        if (!Provider.TIPOS.contains(tipo)) {
            throw new IllegalArgumentException("tipo must be one of " + Provider.TIPOS + ", was " + tipo);
        }
        if (!Provider.CATEGORIAS.contains(categoria)) {
            throw new IllegalArgumentException("categoria must be one of " + Provider.CATEGORIAS + ", was " + categoria);
        }
        if (diasCredito < 0) {
            throw new IllegalArgumentException("diasCredito must be >= 0, was " + diasCredito);
        }
        email = email == null ? "" : email;
        telefono = telefono == null ? "" : telefono;
        direccion = direccion == null ? "" : direccion;
        contacto = contacto == null ? "" : contacto;
        notas = notas == null ? "" : notas;
    }

    /** A provider with only a name and a type, the other fields at their defaults. */
    public static NewProvider of(String nombre, String tipo) {
        return new NewProvider(nombre, null, tipo, "nacional", false, 0, true, "", "", "", "", "");
    }
}
