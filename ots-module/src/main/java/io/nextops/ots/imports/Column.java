package io.nextops.ots.imports;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns the import understands, each with the header names it accepts: the OT export's headers (reference
 * 3.3, current and 98f6296 layouts) plus common variants. Headers are compared after {@link #normalize(String)}, so
 * case, accents, punctuation and spacing do not matter. Columns of the export that are derived or manual only
 * (Cantidad Contenedores, Estado Provisión, Estado Facturado, Fecha Creación, Última Actualización, Comentarios) are
 * not listed and so ignored.
 */
enum Column {
    OPERATIVO("Operativo", "operativo", "operador", "ejecutivo"),
    NUMERO_OT("Número OT", "numero ot", "ot", "no ot", "n ot", "nro ot", "num ot", "numero de ot", "orden de trabajo", "numero_ot"),
    CLIENTE("Cliente", "cliente", "nombre cliente", "cliente nombre"),
    HBL("HBL", "hbl", "hbls", "house bl", "house bls", "house bl s"),
    MBL("MBL", "mbl", "master bl", "master"),
    CONTENEDORES("Contenedores", "contenedores", "contenedor", "containers", "container"),
    NAVIERA("Naviera", "naviera", "naviera proveedor", "proveedor", "linea naviera", "carrier"),
    BARCO("Barco", "barco", "buque", "vessel", "nave"),
    ESTADO("Estado", "estado", "status", "estado ot"),
    TIPO_EMBARQUE("Tipo Embarque", "tipo embarque", "tipo de embarque", "embarque"),
    PUERTO_ORIGEN("Puerto Origen", "puerto origen", "puerto de origen", "pol", "origen"),
    PUERTO_DESTINO("Puerto Destino", "puerto destino", "puerto de destino", "pod", "destino"),
    ETD("ETD", "etd", "fecha etd", "fecha salida"),
    ETA("ETA", "eta", "fecha eta"),
    ETA_CONFIRMADA("ETA Confirmada", "eta confirmada", "fecha llegada", "fecha de llegada", "llegada"),
    FECHA_PROVISION("Fecha Provisión", "fecha provision", "fecha de provision", "provision"),
    FECHA_FACTURACION("Fecha Facturación", "fecha facturacion", "fecha de facturacion", "fecha recepcion factura"),
    EXPRESS_RELEASE("Express Release", "express release", "express release fecha", "fecha express release"),
    CONTRA_ENTREGA("Contra Entrega", "contra entrega", "contra entrega fecha", "fecha contra entrega"),
    SOLICITUD_FACTURACION("Solicitud Facturación", "solicitud facturacion", "fecha solicitud facturacion", "solicitud de facturacion"),
    ENVIO_CIERRE_OT("Envío Cierre OT", "envio cierre ot", "envio cierre", "envio de cierre ot", "fecha envio cierre ot");

    /** Columns without which a file cannot be imported. */
    static final List<Column> REQUIRED = List.of(NUMERO_OT, CLIENTE);
    /** Known columns a row must have, at least, to be taken for the header row. */
    static final int MIN_HEADER_MATCHES = 3;

    private static final Map<String, Column> BY_NAME = new HashMap<>();
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    static {
        for (Column c : values()) {
            BY_NAME.put(normalize(c.label), c);
            for (String name : c.names) {
                BY_NAME.put(normalize(name), c);
            }
        }
    }

    private final String label;
    private final String[] names;

    Column(String label, String... names) {
        this.label = label;
        this.names = names;
    }

    /** The export's header for this column, as shown in error messages. */
    String label() {
        return label;
    }

    /** The column {@code header} names, if any. */
    static Column of(String header) {
        return header == null ? null : BY_NAME.get(normalize(header));
    }

    /** Lower-cased, accents removed, every run of non-alphanumerics one space, trimmed: "Nº. OT" becomes "n ot". */
    static String normalize(String s) {
        String n = Normalizer.normalize(s.replace('º', 'o').replace('°', 'o'), Normalizer.Form.NFD);
        n = MARKS.matcher(n).replaceAll("").toLowerCase(Locale.ROOT);
        return NOT_ALNUM.matcher(n).replaceAll(" ").strip();
    }
}
