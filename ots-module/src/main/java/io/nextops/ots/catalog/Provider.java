package io.nextops.ots.catalog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * A provider (shipping line, agent, ...) as stored in {@code catalogs_provider} and served as JSON with the original's
 * field names. Immutable and thread-safe.
 *
 * @param id id
 * @param nombre unique name
 * @param nit unique tax id, or null
 * @param tipo one of {@link #TIPOS}
 * @param categoria one of {@link #CATEGORIAS}
 * @param tieneCredito whether the provider gives credit
 * @param diasCredito credit days, >= 0
 * @param isActive active flag
 * @param email e-mail or ''
 * @param telefono phone or ''
 * @param direccion address or ''
 * @param contacto contact person or ''
 * @param notas notes or ''
 * @param createdAt creation time
 * @param updatedAt last update time
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Provider(long id, String nombre, String nit, String tipo, String categoria, boolean tieneCredito,
                       int diasCredito, boolean isActive, String email, String telefono, String direccion,
                       String contacto, String notas, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    /** Values of {@code tipo} (the invoice's {@code tipo_proveedor} uses the same). */
    public static final Set<String> TIPOS = Set.of("naviera", "agente_local", "agencia_aduanal", "agente_origen",
            "aseguradora", "aerolinea", "consolidadora", "almacenadora", "transportista", "otro");
    /** Values of {@code categoria}. */
    public static final Set<String> CATEGORIAS = Set.of("internacional", "nacional", "regional");

    public Provider {
        Objects.requireNonNull(nombre, "nombre");
    }
}
