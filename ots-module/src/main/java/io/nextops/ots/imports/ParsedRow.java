package io.nextops.ots.imports;

import java.time.LocalDate;
import java.util.List;

/**
 * One valid data row of an import file, normalized by the OT save rules: an upper-cased OT number, containers
 * normalized and validated, blank texts as the OT stores them. Empty cells are null (dates, naviera, MBL, estado) or
 * empty (ports, lists). Immutable.
 *
 * @param rowNumber 1-based sheet row
 * @param numeroOt OT number
 * @param cliente client name as written (trimmed)
 * @param clienteNormalized {@link io.nextops.ots.catalog.NewClient#normalize(String)} of the client name
 * @param operativo operativo, '-' when blank
 * @param tipoOperacion importacion or exportacion (from the request, one per file)
 * @param naviera carrier name or null
 * @param estado estado value (not the label) or null
 */
record ParsedRow(
        int rowNumber,
        String numeroOt,
        String cliente,
        String clienteNormalized,
        String operativo,
        String tipoOperacion,
        String masterBl,
        List<String> houseBls,
        List<String> contenedores,
        String naviera,
        String barco,
        String estado,
        String tipoEmbarque,
        String puertoOrigen,
        String puertoDestino,
        LocalDate etd,
        LocalDate fechaEta,
        LocalDate fechaLlegada,
        LocalDate fechaProvision,
        LocalDate fechaRecepcionFactura,
        LocalDate expressReleaseFecha,
        LocalDate contraEntregaFecha,
        LocalDate fechaSolicitudFacturacion,
        LocalDate envioCierreOt) {

    String rowHash() {
        return RowHash.of(this);
    }
}
