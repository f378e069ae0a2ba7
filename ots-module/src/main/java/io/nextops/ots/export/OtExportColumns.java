package io.nextops.ots.export;

import io.nextops.export.CellAlignment;
import io.nextops.export.Column;
import io.nextops.export.Columns;
import io.nextops.ots.workorder.Ot;
import io.nextops.ots.workorder.OtChoices;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The 27 columns of the OT export as the original has them at HEAD (reference 3.3): headers, order, widths, date
 * columns 14-18 and 21-26. Creation and update times are reduced to their UTC date, as the original does. The
 * original formats "Cantidad Contenedores" as {@code 0} only when non-zero; here the count always has that format
 * (a zero still shows as 0). Thread-safe (immutable).
 */
final class OtExportColumns {
    /** The sheet name and the file name prefix. */
    static final String SHEET = "OTs";

    static final Columns<Ot> COLUMNS = Columns.<Ot>builder()
            .text("Operativo", Ot::operativo, 20)
            .text("Número OT", Ot::numeroOt, 15)
            .text("Cliente", Ot::clienteNombre, 30)
            .text("HBL", o -> houseBls(o.houseBls()), 35)
            .text("MBL", Ot::masterBl, 20)
            .text("Contenedores", o -> String.join(", ", o.contenedores()), 40)
            .add(Column.<Ot>integer("Cantidad Contenedores", o -> o.contenedores().size())
                    .withWidth(12).withAlignment(CellAlignment.CENTER))
            .text("Naviera", Ot::proveedorNombre, 25)
            .text("Barco", Ot::barco, 25)
            .text("Estado", o -> label(OtChoices.ESTADOS, o.estado()), 18)
            .text("Tipo Embarque", Ot::tipoEmbarque, 15)
            .text("Puerto Origen", Ot::puertoOrigen, 25)
            .text("Puerto Destino", Ot::puertoDestino, 25)
            .date("ETD", Ot::etd, 12)
            .date("ETA", Ot::fechaEta, 12)
            .date("ETA Confirmada", Ot::fechaLlegada, 15)
            .date("Fecha Provisión", Ot::fechaProvision, 15)
            .date("Fecha Facturación", Ot::fechaRecepcionFactura, 15)
            .text("Estado Provisión", o -> label(OtChoices.ESTADOS_PROVISION, o.estadoProvision()), 18)
            .text("Estado Facturado", o -> label(OtChoices.ESTADOS_FACTURADO, o.estadoFacturado()), 18)
            .date("Express Release", Ot::expressReleaseFecha, 15)
            .date("Contra Entrega", Ot::contraEntregaFecha, 15)
            .date("Solicitud Facturación", Ot::fechaSolicitudFacturacion, 18)
            .date("Envío Cierre OT", Ot::envioCierreOt, 15)
            .date("Fecha Creación", o -> utcDate(o.createdAt()), 15)
            .date("Última Actualización", o -> utcDate(o.updatedAt()), 18)
            .text("Comentarios", Ot::comentarios, 40)
            .build();

    private OtExportColumns() {}

    /** House BLs trimmed, empty ones dropped, joined with ", ". */
    static String houseBls(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            String t = v == null ? "" : v.strip();
            if (!t.isEmpty()) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(t);
            }
        }
        return b.toString();
    }

    static String label(Map<String, String> labels, String value) {
        return value == null ? null : labels.getOrDefault(value, value);
    }

    static LocalDate utcDate(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
