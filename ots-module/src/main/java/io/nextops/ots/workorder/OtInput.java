package io.nextops.ots.workorder;

import io.nextops.web.Body;
import java.util.Set;

/**
 * Reads the writable OT fields of a JSON body onto a base draft (the stored OT for PUT and PATCH, the column defaults
 * for POST): each field's type, length and choice are checked, read-only fields of a GET result are ignored, unknown
 * fields are errors. The save rules ({@link OtRules}) run afterwards. Thread-safe (stateless).
 */
final class OtInput {
    /** Fields served but never written through the API. */
    static final String[] READ_ONLY = {"id", "cliente_nombre", "proveedor_nombre", "estado_display", "modificado_por",
        "estado_facturacion_venta", "monto_total_vendido", "monto_total_costos", "margen_bruto", "porcentaje_margen",
        "created_at", "updated_at"};
    private static final Set<String> SOURCES = OtChoices.SOURCES;

    private OtInput() {}

    /**
     * The draft {@code b} describes on top of {@code base}; {@code requireAll} for POST and PUT (numero_ot and cliente
     * must be present). Errors are recorded in {@code b}; call {@link Body#validate()} next.
     */
    static OtDraft read(Body b, OtDraft base, boolean requireAll) {
        b.readOnly(READ_ONLY);
        if (requireAll) {
            b.require("numero_ot");
            b.require("cliente");
        }
        return base.toBuilder()
                .numeroOt(b.text("numero_ot", 50, base.numeroOt()))
                .clienteId(b.id("cliente", base.clienteId(), false))
                .proveedorId(b.id("proveedor", base.proveedorId(), true))
                .masterBl(b.nullableText("master_bl", 255, base.masterBl()))
                .houseBls(b.strings("house_bls", 200, 255, base.houseBls()))
                .contenedores(b.strings("contenedores", 200, 50, base.contenedores()))
                .fechaEta(b.date("fecha_eta", base.fechaEta()))
                .fechaLlegada(b.date("fecha_llegada", base.fechaLlegada()))
                .etd(b.date("etd", base.etd()))
                .puertoOrigen(b.text("puerto_origen", 100, base.puertoOrigen()))
                .puertoDestino(b.text("puerto_destino", 100, base.puertoDestino()))
                .operativo(b.text("operativo", 100, base.operativo()))
                .tipoOperacion(b.choice("tipo_operacion", OtChoices.TIPOS_OPERACION.keySet(), base.tipoOperacion()))
                .tipoEmbarque(b.text("tipo_embarque", 50, base.tipoEmbarque()))
                .barco(b.text("barco", 200, base.barco()))
                .estado(b.choice("estado", OtChoices.ESTADOS.keySet(), base.estado()))
                .estadoSource(b.choice("estado_source", SOURCES, base.estadoSource()))
                .fechaEtaSource(b.choice("fecha_eta_source", SOURCES, base.fechaEtaSource()))
                .fechaLlegadaSource(b.choice("fecha_llegada_source", SOURCES, base.fechaLlegadaSource()))
                .barcoSource(b.choice("barco_source", SOURCES, base.barcoSource()))
                .proveedorSource(b.choice("proveedor_source", SOURCES, base.proveedorSource()))
                .puertoOrigenSource(b.choice("puerto_origen_source", SOURCES, base.puertoOrigenSource()))
                .puertoDestinoSource(b.choice("puerto_destino_source", SOURCES, base.puertoDestinoSource()))
                .fechaSolicitudFacturacion(b.date("fecha_solicitud_facturacion", base.fechaSolicitudFacturacion()))
                .fechaRecepcionFactura(b.date("fecha_recepcion_factura", base.fechaRecepcionFactura()))
                .estadoFacturado(b.choice("estado_facturado", OtChoices.ESTADOS_FACTURADO.keySet(),
                        base.estadoFacturado()))
                .expressReleaseTipo(b.text("express_release_tipo", 150, base.expressReleaseTipo()))
                .expressReleaseFecha(b.date("express_release_fecha", base.expressReleaseFecha()))
                .contraEntregaTipo(b.text("contra_entrega_tipo", 150, base.contraEntregaTipo()))
                .contraEntregaFecha(b.date("contra_entrega_fecha", base.contraEntregaFecha()))
                .envioCierreOt(b.date("envio_cierre_ot", base.envioCierreOt()))
                .comentarios(b.text("comentarios", 10_000, base.comentarios()))
                .provisionHierarchy(b.object("provision_hierarchy", base.provisionHierarchy()))
                .fechaProvision(b.date("fecha_provision", base.fechaProvision()))
                .provisionSource(b.choice("provision_source", SOURCES, base.provisionSource()))
                .provisionLocked(b.bool("provision_locked", base.provisionLocked()))
                .provisionUpdatedBy(b.text("provision_updated_by", 200, base.provisionUpdatedBy()))
                .estadoProvision(b.choice("estado_provision", OtChoices.ESTADOS_PROVISION.keySet(),
                        base.estadoProvision()))
                .notas(b.text("notas", 10_000, base.notas()))
                .build();
    }
}
