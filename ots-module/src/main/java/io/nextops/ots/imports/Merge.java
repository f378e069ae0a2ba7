package io.nextops.ots.imports;

import io.nextops.ots.workorder.OtDraft;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an imported row becomes an OT: a new OT takes every value of the row; an existing OT takes the row's non-empty
 * values (an empty cell never clears a value), except that for the fields with a source (estado, ETA, llegada, barco,
 * naviera, puertos, fecha de provisión) a value written by csv or manual is kept: priority manual 3 &gt; csv 2 &gt;
 * excel 1 &gt; '' 0, and the import writes as excel. A locked provision is never overwritten. Thread-safe (stateless).
 */
final class Merge {
    static final String SOURCE = "excel";
    private static final int PRIORITY = 1;

    private Merge() {}

    /** A new OT from {@code row}. */
    static OtDraft create(ParsedRow row, long clienteId, Long proveedorId) {
        OtDraft.Builder b = OtDraft.builder(row.numeroOt(), clienteId)
                .tipoOperacion(row.tipoOperacion())
                .masterBl(row.masterBl())
                .houseBls(row.houseBls())
                .contenedores(row.contenedores())
                .operativo(row.operativo())
                .tipoEmbarque(row.tipoEmbarque())
                .etd(row.etd())
                .fechaSolicitudFacturacion(row.fechaSolicitudFacturacion())
                .fechaRecepcionFactura(row.fechaRecepcionFactura())
                .expressReleaseFecha(row.expressReleaseFecha())
                .contraEntregaFecha(row.contraEntregaFecha())
                .envioCierreOt(row.envioCierreOt())
                .rowHash(row.rowHash());
        return merge(b.build(), row, proveedorId, true);
    }

    /**
     * {@code current} changed by {@code row} as described above, with the row's hash. The client is not changed:
     * a different client is a conflict, found before any write.
     */
    static OtDraft update(OtDraft current, ParsedRow row, Long proveedorId) {
        return merge(current, row, proveedorId, false);
    }

    /** {@code creating}: every value of the row is written, with source excel (a new OT has no sources yet). */
    private static OtDraft merge(OtDraft current, ParsedRow row, Long proveedorId, boolean creating) {
        OtDraft.Builder b = current.toBuilder().rowHash(row.rowHash()).tipoOperacion(row.tipoOperacion());
        if (row.masterBl() != null) {
            b.masterBl(row.masterBl());
        }
        if (!row.houseBls().isEmpty()) {
            b.houseBls(row.houseBls());
        }
        if (!row.contenedores().isEmpty()) {
            b.contenedores(row.contenedores());
        }
        if (!row.operativo().equals("-")) {
            b.operativo(row.operativo());
        }
        if (!row.tipoEmbarque().equals("-")) {
            b.tipoEmbarque(row.tipoEmbarque());
        }
        set(row.etd(), b::etd);
        set(row.fechaSolicitudFacturacion(), b::fechaSolicitudFacturacion);
        set(row.fechaRecepcionFactura(), b::fechaRecepcionFactura);
        set(row.expressReleaseFecha(), b::expressReleaseFecha);
        set(row.contraEntregaFecha(), b::contraEntregaFecha);
        set(row.envioCierreOt(), b::envioCierreOt);

        if (wins(row.estado(), current.estado(), current.estadoSource(), creating)) {
            b.estado(row.estado()).estadoSource(SOURCE);
        }
        if (wins(row.fechaEta(), current.fechaEta(), current.fechaEtaSource(), creating)) {
            b.fechaEta(row.fechaEta()).fechaEtaSource(SOURCE);
        }
        if (wins(row.fechaLlegada(), current.fechaLlegada(), current.fechaLlegadaSource(), creating)) {
            b.fechaLlegada(row.fechaLlegada()).fechaLlegadaSource(SOURCE);
        }
        String barco = row.barco().equals("-") ? null : row.barco();
        if (wins(barco, current.barco(), current.barcoSource(), creating)) {
            b.barco(barco).barcoSource(SOURCE);
        }
        if (wins(proveedorId, current.proveedorId(), current.proveedorSource(), creating)) {
            b.proveedorId(proveedorId).proveedorSource(SOURCE);
        }
        String origen = row.puertoOrigen().isEmpty() ? null : row.puertoOrigen();
        if (wins(origen, current.puertoOrigen(), current.puertoOrigenSource(), creating)) {
            b.puertoOrigen(origen).puertoOrigenSource(SOURCE);
        }
        String destino = row.puertoDestino().isEmpty() ? null : row.puertoDestino();
        if (wins(destino, current.puertoDestino(), current.puertoDestinoSource(), creating)) {
            b.puertoDestino(destino).puertoDestinoSource(SOURCE);
        }
        if (!current.provisionLocked()
                && wins(row.fechaProvision(), current.fechaProvision(), current.provisionSource(), creating)) {
            b.fechaProvision(row.fechaProvision()).provisionSource(SOURCE);
        }
        return b.build();
    }

    /** Whether {@code merged} changes nothing of {@code current} but the row hash. */
    static boolean sameData(OtDraft merged, OtDraft current) {
        return merged.toBuilder().rowHash(current.rowHash()).build().equals(current);
    }

    /** 0 for '', 1 excel, 2 csv, 3 manual. */
    static int priority(String source) {
        return switch (source == null ? "" : source) {
            case "manual" -> 3;
            case "csv" -> 2;
            case "excel" -> 1;
            default -> 0;
        };
    }

    private static boolean wins(Object value, Object current, String currentSource, boolean creating) {
        return value != null && (creating || !Objects.equals(value, current) && priority(currentSource) <= PRIORITY);
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
