package io.nextops.ots.imports;

import io.nextops.web.FieldError;
import io.nextops.ots.catalog.NewClient;
import io.nextops.ots.workorder.OtChoices;
import io.nextops.ots.workorder.OtDraft;
import io.nextops.ots.workorder.OtRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the cells of one data row into a {@link ParsedRow}, applying the OT module's save rules
 * ({@link OtRules}) for the number, BLs and containers, or reports every problem of the row. Thread-safe.
 */
final class RowParser {
    private static final Map<String, String> ESTADOS = new HashMap<>();

    static {
        OtChoices.ESTADOS.forEach((value, label) -> {
            ESTADOS.put(Column.normalize(value), value);
            ESTADOS.put(Column.normalize(label), value);
        });
        OtChoices.ESTADO_ALIASES.forEach((alias, value) -> ESTADOS.put(Column.normalize(alias), value));
    }

    private final Header header;
    private final String tipoOperacion;
    private final boolean date1904;

    RowParser(Header header, String tipoOperacion, boolean date1904) {
        this.header = header;
        this.tipoOperacion = tipoOperacion;
        this.date1904 = date1904;
    }

    /** True when every cell of the row is empty (such rows are ignored, not counted). */
    static boolean blank(List<Object> cells) {
        for (Object c : cells) {
            if (!Cells.text(c).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The parsed row, or null when it has problems, each added to {@code problems} as "field: message".
     */
    ParsedRow parse(List<Object> cells, int rowNumber, List<String> problems) {
        int before = problems.size();
        String numero = text(cells, Column.NUMERO_OT);
        String cliente = text(cells, Column.CLIENTE);
        if (numero.isEmpty()) {
            problems.add("Número OT: vacío");
        }
        if (cliente.isEmpty()) {
            problems.add("Cliente: vacío");
        } else if (cliente.length() > 500) {
            problems.add("Cliente: más de 500 caracteres");
        }
        String estadoText = text(cells, Column.ESTADO);
        String estado = null;
        if (!estadoText.isEmpty() && !estadoText.equals("-")) {
            estado = ESTADOS.get(Column.normalize(estadoText));
            if (estado == null) {
                problems.add("Estado: valor desconocido \"" + estadoText + "\"");
            }
        }
        LocalDate etd = date(cells, Column.ETD, problems);
        LocalDate eta = date(cells, Column.ETA, problems);
        LocalDate llegada = date(cells, Column.ETA_CONFIRMADA, problems);
        LocalDate provision = date(cells, Column.FECHA_PROVISION, problems);
        LocalDate facturacion = date(cells, Column.FECHA_FACTURACION, problems);
        LocalDate express = date(cells, Column.EXPRESS_RELEASE, problems);
        LocalDate contra = date(cells, Column.CONTRA_ENTREGA, problems);
        LocalDate solicitud = date(cells, Column.SOLICITUD_FACTURACION, problems);
        LocalDate cierre = date(cells, Column.ENVIO_CIERRE_OT, problems);
        String operativo = limited(cells, Column.OPERATIVO, 100, problems);
        String barco = limited(cells, Column.BARCO, 200, problems);
        String tipoEmbarque = limited(cells, Column.TIPO_EMBARQUE, 50, problems);
        String origen = limited(cells, Column.PUERTO_ORIGEN, 100, problems);
        String destino = limited(cells, Column.PUERTO_DESTINO, 100, problems);
        String mbl = limited(cells, Column.MBL, 255, problems);
        String naviera = limited(cells, Column.NAVIERA, 255, problems);

        // the OT module's save rules normalize and validate the number, the BLs and the containers
        List<FieldError> ruleErrors = new ArrayList<>();
        OtDraft ruled = OtRules.apply(OtDraft.builder(numero, 0L)
                .masterBl(mbl)
                .houseBls(Cells.hbls(header.get(cells, Column.HBL)))
                .contenedores(Cells.list(header.get(cells, Column.CONTENEDORES)))
                .operativo(operativo)
                .tipoEmbarque(tipoEmbarque)
                .barco(barco)
                .build(), ruleErrors);
        for (FieldError e : ruleErrors) {
            if (!(e.field().equals("numero_ot") && numero.isEmpty())) {
                problems.add(e.field() + ": " + e.message());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ParsedRow(rowNumber, ruled.numeroOt(), cliente, NewClient.normalize(cliente),
                ruled.operativo(), tipoOperacion, ruled.masterBl(), ruled.houseBls(), ruled.contenedores(),
                naviera.isEmpty() || naviera.equals("-") ? null : naviera, ruled.barco(), estado,
                ruled.tipoEmbarque(), origen, destino, etd, eta, llegada, provision, facturacion, express, contra,
                solicitud, cierre);
    }

    private String text(List<Object> cells, Column c) {
        return Cells.text(header.get(cells, c));
    }

    private String limited(List<Object> cells, Column c, int max, List<String> problems) {
        String s = text(cells, c);
        if (s.length() > max) {
            problems.add(c.label() + ": más de " + max + " caracteres");
        }
        return s;
    }

    private LocalDate date(List<Object> cells, Column c, List<String> problems) {
        try {
            return Cells.date(header.get(cells, c), date1904);
        } catch (IllegalArgumentException e) {
            problems.add(c.label() + ": " + e.getMessage());
            return null;
        }
    }
}
