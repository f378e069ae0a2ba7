package io.nextops.invoices.demo;

import java.util.SplittableRandom;

/** Word lists for realistic demo values. */
final class Names {
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
