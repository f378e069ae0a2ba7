package io.nextops.ots.workorder;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored OT (row of {@code ots}) with its client's {@code original_name} and its carrier's {@code nombre}
 * joined, served as JSON with the original's field names ({@code numero_ot}, {@code cliente}, {@code
 * cliente_nombre}, {@code proveedor}, {@code proveedor_nombre}, ...). Money is written as decimal strings, as
 * Django REST framework does. Immutable and thread-safe.
 *
 * @param id id
 * @param numeroOt {@code numero_ot}
 * @param clienteId client id ({@code cliente})
 * @param clienteNombre client {@code original_name}
 * @param proveedorId carrier id ({@code proveedor}) or null
 * @param proveedorNombre carrier {@code nombre} or null
 * @param masterBl {@code master_bl}
 * @param houseBls {@code house_bls}
 * @param contenedores {@code contenedores}
 * @param fechaEta {@code fecha_eta}
 * @param fechaLlegada {@code fecha_llegada}
 * @param etd {@code etd}
 * @param puertoOrigen {@code puerto_origen}
 * @param puertoDestino {@code puerto_destino}
 * @param operativo {@code operativo}
 * @param tipoOperacion {@code tipo_operacion}
 * @param tipoEmbarque {@code tipo_embarque}
 * @param barco {@code barco}
 * @param estado {@code estado}
 * @param estadoSource {@code estado_source}
 * @param fechaEtaSource {@code fecha_eta_source}
 * @param fechaLlegadaSource {@code fecha_llegada_source}
 * @param barcoSource {@code barco_source}
 * @param proveedorSource {@code proveedor_source}
 * @param puertoOrigenSource {@code puerto_origen_source}
 * @param puertoDestinoSource {@code puerto_destino_source}
 * @param fechaSolicitudFacturacion {@code fecha_solicitud_facturacion}
 * @param fechaRecepcionFactura {@code fecha_recepcion_factura}
 * @param estadoFacturado {@code estado_facturado}
 * @param expressReleaseTipo {@code express_release_tipo}
 * @param expressReleaseFecha {@code express_release_fecha}
 * @param contraEntregaTipo {@code contra_entrega_tipo}
 * @param contraEntregaFecha {@code contra_entrega_fecha}
 * @param envioCierreOt {@code envio_cierre_ot}
 * @param comentarios {@code comentarios}
 * @param provisionHierarchy {@code provision_hierarchy}
 * @param fechaProvision {@code fecha_provision}
 * @param provisionSource {@code provision_source}
 * @param provisionLocked {@code provision_locked}
 * @param provisionUpdatedBy {@code provision_updated_by}
 * @param estadoProvision {@code estado_provision}
 * @param notas {@code notas}
 * @param rowHash SHA-256 of the imported row, or null (not served)
 * @param modificadoPor user id of the last change, or null
 * @param estadoFacturacionVenta sales billing status
 * @param montoTotalVendido sales total
 * @param montoTotalCostos cost total
 * @param margenBruto gross margin
 * @param porcentajeMargen margin percent
 * @param createdAt creation time
 * @param updatedAt last update time
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Ot(
        long id,
        String numeroOt,
        @JsonProperty("cliente") long clienteId,
        String clienteNombre,
        @JsonProperty("proveedor") Long proveedorId,
        String proveedorNombre,
        String masterBl,
        List<String> houseBls,
        List<String> contenedores,
        LocalDate fechaEta,
        LocalDate fechaLlegada,
        LocalDate etd,
        String puertoOrigen,
        String puertoDestino,
        String operativo,
        String tipoOperacion,
        String tipoEmbarque,
        String barco,
        String estado,
        String estadoSource,
        String fechaEtaSource,
        String fechaLlegadaSource,
        String barcoSource,
        String proveedorSource,
        String puertoOrigenSource,
        String puertoDestinoSource,
        LocalDate fechaSolicitudFacturacion,
        LocalDate fechaRecepcionFactura,
        String estadoFacturado,
        String expressReleaseTipo,
        LocalDate expressReleaseFecha,
        String contraEntregaTipo,
        LocalDate contraEntregaFecha,
        LocalDate envioCierreOt,
        String comentarios,
        JsonNode provisionHierarchy,
        LocalDate fechaProvision,
        String provisionSource,
        boolean provisionLocked,
        String provisionUpdatedBy,
        String estadoProvision,
        String notas,
        @JsonIgnore String rowHash,
        @JsonProperty("modificado_por") Long modificadoPor,
        String estadoFacturacionVenta,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal montoTotalVendido,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal montoTotalCostos,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal margenBruto,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal porcentajeMargen,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Label of {@code estado} as the original shows it ("Tránsito"). */
    @JsonProperty("estado_display")
    public String estadoDisplay() {
        return OtChoices.ESTADOS.getOrDefault(estado, estado);
    }

    /** The writable fields, e.g. to change some and update. */
    public OtDraft toDraft() {
        return new OtDraft(numeroOt, clienteId, proveedorId, masterBl, houseBls, contenedores, fechaEta, fechaLlegada, etd, puertoOrigen, puertoDestino, operativo, tipoOperacion, tipoEmbarque, barco, estado, estadoSource, fechaEtaSource, fechaLlegadaSource, barcoSource, proveedorSource, puertoOrigenSource, puertoDestinoSource, fechaSolicitudFacturacion, fechaRecepcionFactura, estadoFacturado, expressReleaseTipo, expressReleaseFecha, contraEntregaTipo, contraEntregaFecha, envioCierreOt, comentarios, provisionHierarchy, fechaProvision, provisionSource, provisionLocked, provisionUpdatedBy, estadoProvision, notas, rowHash);
    }
}
