package io.nextops.ots.workorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The writable fields of an OT, one component per column of {@code ots}, before or after the save rules of
 * {@link OtRules} (the repository applies them on every insert and update). Build one with {@link #builder(String,
 * long)} or change a stored OT with {@code ot.toDraft().toBuilder()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * OtDraft draft = OtDraft.builder("OT-2025-001", clientId).proveedorId(carrierId)
 *         .contenedores(List.of("MSCU1234567")).fechaEta(LocalDate.of(2025, 3, 1)).build();
 * Ot saved = ots.workOrders().insert(draft, null);
 * }</pre>
 *
 * @param numeroOt column {@code numero_ot}
 * @param clienteId column {@code cliente_id}
 * @param proveedorId column {@code proveedor_id}
 * @param masterBl column {@code master_bl}
 * @param houseBls column {@code house_bls}
 * @param contenedores column {@code contenedores}
 * @param fechaEta column {@code fecha_eta}
 * @param fechaLlegada column {@code fecha_llegada}
 * @param etd column {@code etd}
 * @param puertoOrigen column {@code puerto_origen}
 * @param puertoDestino column {@code puerto_destino}
 * @param operativo column {@code operativo}
 * @param tipoOperacion column {@code tipo_operacion}
 * @param tipoEmbarque column {@code tipo_embarque}
 * @param barco column {@code barco}
 * @param estado column {@code estado}
 * @param estadoSource column {@code estado_source}
 * @param fechaEtaSource column {@code fecha_eta_source}
 * @param fechaLlegadaSource column {@code fecha_llegada_source}
 * @param barcoSource column {@code barco_source}
 * @param proveedorSource column {@code proveedor_source}
 * @param puertoOrigenSource column {@code puerto_origen_source}
 * @param puertoDestinoSource column {@code puerto_destino_source}
 * @param fechaSolicitudFacturacion column {@code fecha_solicitud_facturacion}
 * @param fechaRecepcionFactura column {@code fecha_recepcion_factura}
 * @param estadoFacturado column {@code estado_facturado}
 * @param expressReleaseTipo column {@code express_release_tipo}
 * @param expressReleaseFecha column {@code express_release_fecha}
 * @param contraEntregaTipo column {@code contra_entrega_tipo}
 * @param contraEntregaFecha column {@code contra_entrega_fecha}
 * @param envioCierreOt column {@code envio_cierre_ot}
 * @param comentarios column {@code comentarios}
 * @param provisionHierarchy column {@code provision_hierarchy}
 * @param fechaProvision column {@code fecha_provision}
 * @param provisionSource column {@code provision_source}
 * @param provisionLocked column {@code provision_locked}
 * @param provisionUpdatedBy column {@code provision_updated_by}
 * @param estadoProvision column {@code estado_provision}
 * @param notas column {@code notas}
 * @param rowHash column {@code row_hash}
 */
public record OtDraft(
        String numeroOt,
        Long clienteId,
        Long proveedorId,
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
        String rowHash) {
    static final JsonNode EMPTY_OBJECT = JsonNodeFactory.instance.objectNode();

    public OtDraft {
        Objects.requireNonNull(numeroOt, "numeroOt");
        Objects.requireNonNull(clienteId, "clienteId");
        houseBls = List.copyOf(Objects.requireNonNull(houseBls, "houseBls"));
        contenedores = List.copyOf(Objects.requireNonNull(contenedores, "contenedores"));
        provisionHierarchy = provisionHierarchy == null ? EMPTY_OBJECT : provisionHierarchy.deepCopy();
        Objects.requireNonNull(puertoOrigen, "puertoOrigen");
        Objects.requireNonNull(puertoDestino, "puertoDestino");
        Objects.requireNonNull(operativo, "operativo");
        Objects.requireNonNull(tipoOperacion, "tipoOperacion");
        Objects.requireNonNull(tipoEmbarque, "tipoEmbarque");
        Objects.requireNonNull(barco, "barco");
        Objects.requireNonNull(estado, "estado");
        Objects.requireNonNull(estadoSource, "estadoSource");
        Objects.requireNonNull(fechaEtaSource, "fechaEtaSource");
        Objects.requireNonNull(fechaLlegadaSource, "fechaLlegadaSource");
        Objects.requireNonNull(barcoSource, "barcoSource");
        Objects.requireNonNull(proveedorSource, "proveedorSource");
        Objects.requireNonNull(puertoOrigenSource, "puertoOrigenSource");
        Objects.requireNonNull(puertoDestinoSource, "puertoDestinoSource");
        Objects.requireNonNull(estadoFacturado, "estadoFacturado");
        Objects.requireNonNull(expressReleaseTipo, "expressReleaseTipo");
        Objects.requireNonNull(contraEntregaTipo, "contraEntregaTipo");
        Objects.requireNonNull(comentarios, "comentarios");
        Objects.requireNonNull(provisionSource, "provisionSource");
        Objects.requireNonNull(provisionUpdatedBy, "provisionUpdatedBy");
        Objects.requireNonNull(estadoProvision, "estadoProvision");
        Objects.requireNonNull(notas, "notas");
    }

    /** A builder with every optional field at the column default. */
    public static Builder builder(String numeroOt, long clienteId) {
        return new Builder().numeroOt(numeroOt).clienteId(clienteId);
    }

    /** A builder holding this draft's values. */
    public Builder toBuilder() {
        return new Builder()
                .numeroOt(numeroOt)
                .clienteId(clienteId)
                .proveedorId(proveedorId)
                .masterBl(masterBl)
                .houseBls(houseBls)
                .contenedores(contenedores)
                .fechaEta(fechaEta)
                .fechaLlegada(fechaLlegada)
                .etd(etd)
                .puertoOrigen(puertoOrigen)
                .puertoDestino(puertoDestino)
                .operativo(operativo)
                .tipoOperacion(tipoOperacion)
                .tipoEmbarque(tipoEmbarque)
                .barco(barco)
                .estado(estado)
                .estadoSource(estadoSource)
                .fechaEtaSource(fechaEtaSource)
                .fechaLlegadaSource(fechaLlegadaSource)
                .barcoSource(barcoSource)
                .proveedorSource(proveedorSource)
                .puertoOrigenSource(puertoOrigenSource)
                .puertoDestinoSource(puertoDestinoSource)
                .fechaSolicitudFacturacion(fechaSolicitudFacturacion)
                .fechaRecepcionFactura(fechaRecepcionFactura)
                .estadoFacturado(estadoFacturado)
                .expressReleaseTipo(expressReleaseTipo)
                .expressReleaseFecha(expressReleaseFecha)
                .contraEntregaTipo(contraEntregaTipo)
                .contraEntregaFecha(contraEntregaFecha)
                .envioCierreOt(envioCierreOt)
                .comentarios(comentarios)
                .provisionHierarchy(provisionHierarchy)
                .fechaProvision(fechaProvision)
                .provisionSource(provisionSource)
                .provisionLocked(provisionLocked)
                .provisionUpdatedBy(provisionUpdatedBy)
                .estadoProvision(estadoProvision)
                .notas(notas)
                .rowHash(rowHash);
    }

    /** Builds an {@link OtDraft}. Not thread-safe. */
    public static final class Builder {
        private String numeroOt;
        private Long clienteId;
        private Long proveedorId = null;
        private String masterBl = null;
        private List<String> houseBls = List.of();
        private List<String> contenedores = List.of();
        private LocalDate fechaEta = null;
        private LocalDate fechaLlegada = null;
        private LocalDate etd = null;
        private String puertoOrigen = "";
        private String puertoDestino = "";
        private String operativo = "-";
        private String tipoOperacion = "importacion";
        private String tipoEmbarque = "-";
        private String barco = "-";
        private String estado = "transito";
        private String estadoSource = "";
        private String fechaEtaSource = "";
        private String fechaLlegadaSource = "";
        private String barcoSource = "";
        private String proveedorSource = "";
        private String puertoOrigenSource = "";
        private String puertoDestinoSource = "";
        private LocalDate fechaSolicitudFacturacion = null;
        private LocalDate fechaRecepcionFactura = null;
        private String estadoFacturado = "pendiente";
        private String expressReleaseTipo = "-";
        private LocalDate expressReleaseFecha = null;
        private String contraEntregaTipo = "-";
        private LocalDate contraEntregaFecha = null;
        private LocalDate envioCierreOt = null;
        private String comentarios = "";
        private JsonNode provisionHierarchy = EMPTY_OBJECT;
        private LocalDate fechaProvision = null;
        private String provisionSource = "";
        private boolean provisionLocked = false;
        private String provisionUpdatedBy = "";
        private String estadoProvision = "pendiente";
        private String notas = "";
        private String rowHash = null;

        Builder() {}

        public Builder numeroOt(String numeroOt) {
            this.numeroOt = numeroOt;
            return this;
        }

        public Builder clienteId(Long clienteId) {
            this.clienteId = clienteId;
            return this;
        }

        public Builder proveedorId(Long proveedorId) {
            this.proveedorId = proveedorId;
            return this;
        }

        public Builder masterBl(String masterBl) {
            this.masterBl = masterBl;
            return this;
        }

        public Builder houseBls(List<String> houseBls) {
            this.houseBls = houseBls;
            return this;
        }

        public Builder contenedores(List<String> contenedores) {
            this.contenedores = contenedores;
            return this;
        }

        public Builder fechaEta(LocalDate fechaEta) {
            this.fechaEta = fechaEta;
            return this;
        }

        public Builder fechaLlegada(LocalDate fechaLlegada) {
            this.fechaLlegada = fechaLlegada;
            return this;
        }

        public Builder etd(LocalDate etd) {
            this.etd = etd;
            return this;
        }

        public Builder puertoOrigen(String puertoOrigen) {
            this.puertoOrigen = puertoOrigen;
            return this;
        }

        public Builder puertoDestino(String puertoDestino) {
            this.puertoDestino = puertoDestino;
            return this;
        }

        public Builder operativo(String operativo) {
            this.operativo = operativo;
            return this;
        }

        public Builder tipoOperacion(String tipoOperacion) {
            this.tipoOperacion = tipoOperacion;
            return this;
        }

        public Builder tipoEmbarque(String tipoEmbarque) {
            this.tipoEmbarque = tipoEmbarque;
            return this;
        }

        public Builder barco(String barco) {
            this.barco = barco;
            return this;
        }

        public Builder estado(String estado) {
            this.estado = estado;
            return this;
        }

        public Builder estadoSource(String estadoSource) {
            this.estadoSource = estadoSource;
            return this;
        }

        public Builder fechaEtaSource(String fechaEtaSource) {
            this.fechaEtaSource = fechaEtaSource;
            return this;
        }

        public Builder fechaLlegadaSource(String fechaLlegadaSource) {
            this.fechaLlegadaSource = fechaLlegadaSource;
            return this;
        }

        public Builder barcoSource(String barcoSource) {
            this.barcoSource = barcoSource;
            return this;
        }

        public Builder proveedorSource(String proveedorSource) {
            this.proveedorSource = proveedorSource;
            return this;
        }

        public Builder puertoOrigenSource(String puertoOrigenSource) {
            this.puertoOrigenSource = puertoOrigenSource;
            return this;
        }

        public Builder puertoDestinoSource(String puertoDestinoSource) {
            this.puertoDestinoSource = puertoDestinoSource;
            return this;
        }

        public Builder fechaSolicitudFacturacion(LocalDate fechaSolicitudFacturacion) {
            this.fechaSolicitudFacturacion = fechaSolicitudFacturacion;
            return this;
        }

        public Builder fechaRecepcionFactura(LocalDate fechaRecepcionFactura) {
            this.fechaRecepcionFactura = fechaRecepcionFactura;
            return this;
        }

        public Builder estadoFacturado(String estadoFacturado) {
            this.estadoFacturado = estadoFacturado;
            return this;
        }

        public Builder expressReleaseTipo(String expressReleaseTipo) {
            this.expressReleaseTipo = expressReleaseTipo;
            return this;
        }

        public Builder expressReleaseFecha(LocalDate expressReleaseFecha) {
            this.expressReleaseFecha = expressReleaseFecha;
            return this;
        }

        public Builder contraEntregaTipo(String contraEntregaTipo) {
            this.contraEntregaTipo = contraEntregaTipo;
            return this;
        }

        public Builder contraEntregaFecha(LocalDate contraEntregaFecha) {
            this.contraEntregaFecha = contraEntregaFecha;
            return this;
        }

        public Builder envioCierreOt(LocalDate envioCierreOt) {
            this.envioCierreOt = envioCierreOt;
            return this;
        }

        public Builder comentarios(String comentarios) {
            this.comentarios = comentarios;
            return this;
        }

        public Builder provisionHierarchy(JsonNode provisionHierarchy) {
            this.provisionHierarchy = provisionHierarchy;
            return this;
        }

        public Builder fechaProvision(LocalDate fechaProvision) {
            this.fechaProvision = fechaProvision;
            return this;
        }

        public Builder provisionSource(String provisionSource) {
            this.provisionSource = provisionSource;
            return this;
        }

        public Builder provisionLocked(boolean provisionLocked) {
            this.provisionLocked = provisionLocked;
            return this;
        }

        public Builder provisionUpdatedBy(String provisionUpdatedBy) {
            this.provisionUpdatedBy = provisionUpdatedBy;
            return this;
        }

        public Builder estadoProvision(String estadoProvision) {
            this.estadoProvision = estadoProvision;
            return this;
        }

        public Builder notas(String notas) {
            this.notas = notas;
            return this;
        }

        public Builder rowHash(String rowHash) {
            this.rowHash = rowHash;
            return this;
        }

        public OtDraft build() {
            return new OtDraft(numeroOt, clienteId, proveedorId, masterBl, houseBls, contenedores, fechaEta, fechaLlegada, etd, puertoOrigen, puertoDestino, operativo, tipoOperacion, tipoEmbarque, barco, estado, estadoSource, fechaEtaSource, fechaLlegadaSource, barcoSource, proveedorSource, puertoOrigenSource, puertoDestinoSource, fechaSolicitudFacturacion, fechaRecepcionFactura, estadoFacturado, expressReleaseTipo, expressReleaseFecha, contraEntregaTipo, contraEntregaFecha, envioCierreOt, comentarios, provisionHierarchy, fechaProvision, provisionSource, provisionLocked, provisionUpdatedBy, estadoProvision, notas, rowHash);
        }
    }
}
