package io.nextops.ots.workorder;

import io.nextops.web.ApiException;
import io.nextops.web.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The original's save rules for an OT ({@code OT.save} / {@code full_clean}): numbers and BLs upper-cased and trimmed,
 * containers normalized, validated and de-duplicated, blank texts replaced by '-', and the billing and provision
 * statuses derived from their dates. Thread-safe (stateless).
 */
public final class OtRules {
    /** What an OT number may contain after upper-casing. */
    public static final Pattern NUMERO_OT = Pattern.compile("^[A-Z0-9-]+$");
    /** An ISO 6346 container number without the separators: four letters and seven digits. */
    public static final Pattern CONTAINER = Pattern.compile("^[A-Z]{4}\\d{7}$");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^A-Z0-9]");

    private OtRules() {}

    /** {@code draft} with the rules applied; throws a validation ApiException listing every broken rule. */
    public static OtDraft apply(OtDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        OtDraft out = apply(draft, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return out;
    }

    /** {@code draft} with the rules applied; each broken rule is added to {@code errors}. */
    public static OtDraft apply(OtDraft d, List<FieldError> errors) {
        String numero = d.numeroOt().strip().toUpperCase(Locale.ROOT);
        if (numero.isEmpty()) {
            errors.add(new FieldError("numero_ot", "This field may not be blank."));
        } else if (!NUMERO_OT.matcher(numero).matches()) {
            errors.add(new FieldError("numero_ot",
                    "El número de OT solo puede contener letras mayúsculas, números y guiones, fue \"" + numero + "\"."));
        } else if (numero.length() > 50) {
            errors.add(new FieldError("numero_ot", "Ensure this field has no more than 50 characters."));
        }
        String masterBl = d.masterBl() == null || d.masterBl().isBlank() ? null
                : d.masterBl().strip().toUpperCase(Locale.ROOT);
        List<String> houseBls = d.houseBls().stream().map(s -> s.strip().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
        List<String> containers = containers(d.contenedores(), errors);
        String estadoFacturado = d.fechaRecepcionFactura() != null ? "facturado" : "pendiente";
        String estadoProvision = d.estadoProvision();
        if (!estadoProvision.equals("revision") && !estadoProvision.equals("disputada")) {
            estadoProvision = d.fechaProvision() != null ? "provisionada" : "pendiente";
        }
        return d.toBuilder()
                .numeroOt(numero)
                .masterBl(masterBl)
                .houseBls(houseBls)
                .contenedores(containers)
                .operativo(dash(d.operativo()))
                .tipoEmbarque(dash(d.tipoEmbarque()))
                .barco(dash(d.barco()))
                .expressReleaseTipo(dash(d.expressReleaseTipo()))
                .contraEntregaTipo(dash(d.contraEntregaTipo()))
                .estadoFacturado(estadoFacturado)
                .estadoProvision(estadoProvision)
                .build();
    }

    /** Upper-cased with every non-alphanumeric removed ({@code "mscu 123456-7"} becomes {@code "MSCU1234567"}). */
    public static String normalizeContainer(String value) {
        return NOT_ALNUM.matcher(value.toUpperCase(Locale.ROOT)).replaceAll("");
    }

    private static List<String> containers(List<String> raw, List<FieldError> errors) {
        Set<String> out = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String value : raw) {
            String c = normalizeContainer(value);
            if (c.isEmpty()) {
                continue;
            }
            if (CONTAINER.matcher(c).matches()) {
                out.add(c);
            } else {
                bad.add(value);
            }
        }
        if (!bad.isEmpty()) {
            errors.add(new FieldError("contenedores", "Número de contenedor inválido: " + String.join(", ", bad)
                    + ". Formato esperado: 4 letras y 7 dígitos (ej. MSCU1234567)."));
        }
        return List.copyOf(out);
    }

    private static String dash(String value) {
        return value == null || value.isBlank() ? "-" : value.strip();
    }
}
