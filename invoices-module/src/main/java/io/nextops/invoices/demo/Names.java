package io.nextops.invoices.demo;

import java.util.Locale;
import java.util.SplittableRandom;

/** Word lists for realistic demo values. */
final class Names {
    /** nombre, tipo, categoria */
    static final String[][] PROVIDERS = {
            {"MAERSK LINE", "naviera", "internacional"}, {"MSC MEDITERRANEAN SHIPPING", "naviera", "internacional"},
            {"CMA CGM", "naviera", "internacional"}, {"HAPAG-LLOYD", "naviera", "internacional"},
            {"EVERGREEN LINE", "naviera", "internacional"}, {"COSCO SHIPPING", "naviera", "internacional"},
            {"OCEAN NETWORK EXPRESS", "naviera", "internacional"}, {"ZIM INTEGRATED SHIPPING", "naviera", "internacional"},
            {"YANG MING", "naviera", "internacional"}, {"HMM CO", "naviera", "internacional"},
            {"SEABOARD MARINE", "naviera", "regional"}, {"CROWLEY LOGISTICS", "naviera", "regional"},
            {"AGENCIA ADUANAL CENTROAMERICANA", "agencia_aduanal", "nacional"},
            {"ADUANAS Y SERVICIOS DEL PACIFICO", "agencia_aduanal", "nacional"},
            {"GESTIONES ADUANALES SAN MIGUEL", "agencia_aduanal", "nacional"},
            {"AGENTE LOCAL ACAJUTLA", "agente_local", "nacional"}, {"REPRESENTACIONES MARITIMAS", "agente_local", "nacional"},
            {"SHANGHAI ORIGIN FORWARDING", "agente_origen", "internacional"},
            {"NINGBO CARGO AGENTS", "agente_origen", "internacional"}, {"MIAMI ORIGIN SERVICES", "agente_origen", "internacional"},
            {"SEGUROS DEL ISTMO", "aseguradora", "nacional"}, {"AVIANCA CARGO", "aerolinea", "internacional"},
            {"COPA AIRLINES CARGO", "aerolinea", "regional"}, {"CONSOLIDADORA REGIONAL", "consolidadora", "regional"},
            {"ALMACENADORA DEL PUERTO", "almacenadora", "nacional"}, {"BODEGAS GENERALES", "almacenadora", "nacional"},
            {"TRANSPORTES HERNANDEZ", "transportista", "nacional"}, {"TRANSPORTES LA UNION", "transportista", "nacional"},
            {"FLETES Y CARGA EXPRESS", "transportista", "nacional"}, {"TRANSPORTE PESADO GUATEMALA", "transportista", "regional"},
            {"SERVICIOS PORTUARIOS CEPA", "otro", "nacional"}, {"INSPECCIONES Y CONTROL", "otro", "nacional"},
    };

    static final String[] CLIENT_WORDS = {"DISTRIBUIDORA", "IMPORTADORA", "COMERCIAL", "INDUSTRIAS", "ALIMENTOS",
            "FARMACEUTICA", "TEXTILES", "FERRETERIA", "AGROINDUSTRIAS", "ELECTRONICA", "PLASTICOS", "BEBIDAS"};
    static final String[] CLIENT_NAMES = {"DEL SUR", "CENTRAL", "SAN JOSE", "LA ESPERANZA", "EL PROGRESO", "MAYA",
            "CUSCATLAN", "PACIFICO", "ATLANTIDA", "LOS ANDES", "SANTA ANA", "OLIMPO", "QUETZAL", "IZALCO", "LEMPA"};
    static final String[] CLIENT_SUFFIXES = {"S.A. DE C.V.", "S.A.", "LTDA.", "S. DE R.L.", "CORP."};
    static final String[] ORIGIN_PORTS = {"SHANGHAI", "NINGBO", "SHENZHEN", "BUSAN", "KAOHSIUNG", "MANZANILLO",
            "HOUSTON", "MIAMI", "VALENCIA", "ROTTERDAM", "CARTAGENA", "COLON"};
    static final String[] DESTINATION_PORTS = {"ACAJUTLA", "SANTO TOMAS DE CASTILLA", "PUERTO QUETZAL", "PUERTO CORTES",
            "LA UNION", "CORINTO"};
    static final String[] OPERATORS = {"ANA LOPEZ", "CARLOS MARTINEZ", "JOSE RIVERA", "MARIA HERNANDEZ",
            "LUIS GARCIA", "SOFIA RAMIREZ", "-"};
    static final String[] VESSELS = {"MAERSK ESSEN", "MSC AURORA", "CMA CGM TAGE", "EVER GIVEN", "COSCO PRIDE",
            "ONE HARMONY", "ZIM SAMMY", "YM WELLNESS", "HMM OSLO", "SEABOARD PRIDE", "CROWLEY ADVANTAGE"};
    static final String[] OT_STATES = {"transito", "transito", "puerto", "en_rada", "almacenadora", "bodega",
            "desprendimiento", "finalizada", "finalizada", "cerrada", "fact_adicionales", "disputa"};
    static final String[] COST_TYPES = {"FLETE", "CARGOS_NAVIERA", "TRANSPORTE", "ADUANA", "ALMACENAJE", "DEMORA", "OTRO"};
    static final int[] COST_TYPE_WEIGHTS = {30, 20, 18, 12, 8, 5, 7};
    static final String[] ASSIGNMENT = {"ot_directa", "ot_directa", "mbl_contenedor", "solo_mbl", "solo_contenedor",
            "proveedor_fecha", "manual"};
    static final String[] SOURCES = {"upload_manual", "upload_manual", "email_auto", "csv_import"};
    static final String[] NOTE_PHRASES = {"Pendiente confirmar tarifa con la naviera.", "Factura recibida por correo.",
            "Incluye recargo por combustible (BAF).", "Se solicitó nota de crédito por diferencia en tarifa.",
            "Contenedor con demora de 3 días en puerto.", "Revisar tipo de cambio aplicado.",
            "Pago programado para la próxima quincena.", "Cliente solicita copia certificada.",
            "Almacenaje extendido por inspección de aduana.", "Duplicado del documento anterior, verificar.",
            "Transporte interno Acajutla - San Salvador.", "Cargos locales según cotización #",
            "Ajuste por peso verificado (VGM).", "Descuento por volumen aplicado."};

    private Names() {}

    static String client(int i) {
        String base = CLIENT_WORDS[i % CLIENT_WORDS.length] + " " + CLIENT_NAMES[(i / CLIENT_WORDS.length) % CLIENT_NAMES.length];
        int round = i / (CLIENT_WORDS.length * CLIENT_NAMES.length);
        String name = round == 0 ? base : base + " " + (round + 1);
        return name + ", " + CLIENT_SUFFIXES[i % CLIENT_SUFFIXES.length];
    }

    /** Upper-case, spaces collapsed, trailing {@code .,;} removed (the original's normalization). */
    static String normalize(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").strip().replaceAll("[.,;]+$", "");
    }

    static String container(SplittableRandom rnd) {
        String[] prefixes = {"MSKU", "MSCU", "CMAU", "HLXU", "EGHU", "CSNU", "ONEU", "ZIMU", "YMLU", "TGHU"};
        return prefixes[rnd.nextInt(prefixes.length)] + String.format("%07d", rnd.nextInt(10_000_000));
    }

    static String masterBl(SplittableRandom rnd) {
        String[] prefixes = {"MAEU", "MEDU", "CMDU", "HLCU", "EGLV", "COSU", "ONEY", "ZIMU"};
        return prefixes[rnd.nextInt(prefixes.length)] + (100_000_000 + rnd.nextInt(900_000_000));
    }

    static String invoiceNumber(SplittableRandom rnd, int i) {
        return switch (rnd.nextInt(3)) {
            case 0 -> String.format("FAC-%07d", i + 1);
            case 1 -> String.format("DTE-01-M%03dP%03d-%015d", rnd.nextInt(10), rnd.nextInt(10), i + 1);
            default -> String.format("%d-%06d", 1 + rnd.nextInt(9), i + 1);
        };
    }

    /** Notes of varied length: one phrase, a few, or a long paragraph. */
    static String note(SplittableRandom rnd) {
        int n = rnd.nextInt(100) < 60 ? 1 : rnd.nextInt(100) < 80 ? 2 + rnd.nextInt(3) : 6 + rnd.nextInt(10);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            b.append(k == 0 ? "" : " ").append(pick(rnd, NOTE_PHRASES));
        }
        return b.toString();
    }

    static String pick(SplittableRandom rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    static String pickWeighted(SplittableRandom rnd, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rnd.nextInt(total);
        for (int k = 0; k < values.length; k++) {
            r -= weights[k];
            if (r < 0) {
                return values[k];
            }
        }
        return values[values.length - 1];
    }
}
