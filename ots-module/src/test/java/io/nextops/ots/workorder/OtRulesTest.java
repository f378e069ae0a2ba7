package io.nextops.ots.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.web.ApiException;
import io.nextops.web.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtRulesTest {
    private static OtDraft.Builder draft(String numero) {
        return OtDraft.builder(numero, 1);
    }

    @Test
    void upperCasesAndTrimsTheOtNumberAndBls() {
        OtDraft d = OtRules.apply(draft("  ot-2025-01 ").masterBl(" mbl123 ").houseBls(List.of(" h1 ", "", "h2"))
                .build());
        assertThat(d.numeroOt()).isEqualTo("OT-2025-01");
        assertThat(d.masterBl()).isEqualTo("MBL123");
        assertThat(d.houseBls()).containsExactly("H1", "H2");
    }

    @Test
    void rejectsOtNumbersWithOtherCharacters() {
        assertThatThrownBy(() -> OtRules.apply(draft("OT 1/2").build()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("numero_ot"));
        assertThatThrownBy(() -> OtRules.apply(draft("   ").build())).isInstanceOf(ApiException.class);
    }

    @Test
    void normalizesContainersDropsDuplicatesAndListsTheBadOnes() {
        OtDraft d = OtRules.apply(draft("A1").contenedores(List.of("mscu 123456-7", "MSCU1234567", " ", "tcnu7654321"))
                .build());
        assertThat(d.contenedores()).containsExactly("MSCU1234567", "TCNU7654321");

        List<FieldError> errors = new ArrayList<>();
        OtRules.apply(draft("A1").contenedores(List.of("MSCU1234567", "ABC123", "MSCU12345678")).build(), errors);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("contenedores");
            assertThat(e.message()).contains("ABC123").contains("MSCU12345678").doesNotContain("MSCU1234567,");
        });
    }

    @Test
    void replacesBlankTextsWithADash() {
        OtDraft d = OtRules.apply(draft("A1").operativo(" ").barco("").tipoEmbarque("  FCL ").build());
        assertThat(d.operativo()).isEqualTo("-");
        assertThat(d.barco()).isEqualTo("-");
        assertThat(d.tipoEmbarque()).isEqualTo("FCL");
        assertThat(d.expressReleaseTipo()).isEqualTo("-");
    }

    @Test
    void derivesTheBillingStatusFromTheInvoiceReceptionDate() {
        assertThat(OtRules.apply(draft("A1").estadoFacturado("facturado").build()).estadoFacturado())
                .isEqualTo("pendiente");
        assertThat(OtRules.apply(draft("A1").fechaRecepcionFactura(LocalDate.of(2025, 1, 2)).build())
                .estadoFacturado()).isEqualTo("facturado");
    }

    @Test
    void derivesTheProvisionStatusFromItsDateUnlessUnderReviewOrDisputed() {
        LocalDate day = LocalDate.of(2025, 1, 2);
        assertThat(OtRules.apply(draft("A1").fechaProvision(day).build()).estadoProvision()).isEqualTo("provisionada");
        assertThat(OtRules.apply(draft("A1").estadoProvision("provisionada").build()).estadoProvision())
                .isEqualTo("pendiente");
        assertThat(OtRules.apply(draft("A1").estadoProvision("revision").fechaProvision(day).build())
                .estadoProvision()).isEqualTo("revision");
        assertThat(OtRules.apply(draft("A1").estadoProvision("disputada").build()).estadoProvision())
                .isEqualTo("disputada");
    }
}
