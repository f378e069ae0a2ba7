package io.nextops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.web.route.Param;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static final List<Param> DECLARED = List.of(Param.id("proveedor", "id"), Param.date("fecha_desde", "d"),
            Param.integer("page_size", "n"), Param.text("search", "t"), Param.textList("estado", "t"),
            Param.choice("format", List.of("xlsx", "excel", "csv"), "f"),
            Param.choiceList("estado_provision", List.of("pendiente", "provisionada"), "c"),
            Param.ordering("ordering", List.of("monto", "fecha_emision"), "o"), Param.flag("excluir", "f"));

    private static Params params(String query) {
        return Params.parse(query, DECLARED);
    }


    private static List<FieldError> errors(String query) {
        try {
            params(query).checkDeclared();
            return List.of();
        } catch (ApiException e) {
            return e.errors();
        }
    }

    @Test
    void readsWellFormedValues() {
        Params p = params("proveedor=12&fecha_desde=2024-02-29&page_size=50&search=+abc+&estado=a&estado=&estado=b"
                + "&format=CSV&estado_provision=pendiente,+provisionada&ordering=-monto,+fecha_emision&excluir=true");
        p.checkDeclared();
        assertThat(p.id("proveedor")).isEqualTo(12L);
        assertThat(p.date("fecha_desde")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(p.integer("page_size", 25, 1, 100)).isEqualTo(50);
        assertThat(p.text("search")).isEqualTo("abc");
        assertThat(p.texts("estado")).containsExactly("a", "b");
        assertThat(p.oneOfIgnoreCase("format", Set.of("xlsx", "excel", "csv"))).isEqualTo("csv");
        assertThat(p.csvOneOf("estado_provision", Set.of("pendiente", "provisionada")))
                .containsExactly("pendiente", "provisionada");
        assertThat(p.ordering("ordering", Set.of("monto", "fecha_emision"))).containsExactly("-monto", "fecha_emision");
        assertThat(p.text("excluir")).isEqualTo("true");
        p.validate();
    }

    @Test
    void anEmptyValueIsAbsent() {
        Params p = params("proveedor=&fecha_desde=&page_size=&format=&ordering=");
        p.checkDeclared();
        assertThat(p.id("proveedor")).isNull();
        assertThat(p.date("fecha_desde")).isNull();
        assertThat(p.integer("page_size", 25, 1, 100)).isEqualTo(25);
        assertThat(p.oneOf("format", Set.of("csv"))).isNull();
        assertThat(p.ordering("ordering", Set.of("monto"))).isEmpty();
    }

    @Test
    void refusesNonAsciiDigitsSignsAndOutOfRangeNumbers() {
        // Arabic-Indic, fullwidth and Devanagari digits: Long.parseLong would take them
        for (String v : List.of("%D9%A1%D9%A2", "%EF%BC%91", "%E0%A5%A7", "+1", "-1", "0", "1_000", "+12", "12+",
                "1e3", "0x10", "9999999999999999999", "1234567890123456789", "%201", "1%00")) {
            assertThat(errors("proveedor=" + v)).as(v).extracting(FieldError::field).containsExactly("proveedor");
        }
        for (String v : List.of("%D9%A1", "99999999999", "2147483648", "1.5", "--1")) {
            assertThat(errors("page_size=" + v)).as(v).extracting(FieldError::field).containsExactly("page_size");
        }
        Params p = params("page_size=100000");
        assertThat(p.integer("page_size", 25, 1, 10_000)).isEqualTo(25);
        assertThatThrownBy(p::validate).isInstanceOf(ApiException.class);
    }

    @Test
    void refusesDatesOutsideWhatPostgresqlAndJavaBothTake() {
        for (String v : List.of("0000-01-01", "+10000-01-01", "-0001-01-01", "99999-01-01", "2024-02-30",
                "2023-02-29", "2024-13-01", "2024-1-1", "2024-01-01T00:00", "%D9%A2024-01-01", "2024-01-01%00",
                "2024-01-01+")) {
            assertThat(errors("fecha_desde=" + v)).as(v).extracting(FieldError::field).containsExactly("fecha_desde");
        }
        assertThat(errors("fecha_desde=0001-01-01")).isEmpty();
        assertThat(errors("fecha_desde=9999-12-31")).isEmpty();
    }

    @Test
    void choicesAndOrderingMatchExactlyWithoutNulOrWhitespaceTricks() {
        for (String q : List.of("format=csv%00", "format=csv%20", "format=%20csv", "format=csv%09", "format=cs",
                "ordering=monto%00", "ordering=monto%09", "ordering=MONTO", "ordering=--monto", "ordering=id",
                "estado_provision=pendiente%00", "estado_provision=nada")) {
            assertThat(errors(q)).as(q).isNotEmpty();
        }
        Params p = params("estado_provision=PENDIENTE");
        p.checkDeclared(); // type-level check is case-blind, the handler's is exact
        assertThat(p.csvOneOf("estado_provision", Set.of("pendiente"))).isEmpty();
        assertThatThrownBy(p::validate).isInstanceOf(ApiException.class);
    }

    @Test
    void textIsBoundedAndNulFree() {
        assertThat(errors("search=a%00b")).extracting(FieldError::field).containsExactly("search");
        assertThat(errors("search=" + "x".repeat(256))).extracting(FieldError::field).containsExactly("search");
        assertThat(errors("search=" + "%C3%A9".repeat(255))).isEmpty(); // characters, not bytes
        assertThat(errors("estado=ok&estado=a%00")).extracting(FieldError::field).containsExactly("estado");
        assertThat(errors("search=%FF")).extracting(FieldError::field).containsExactly("search");
    }

    @Test
    void aRepeatedSingleValuedParameterUsesTheLastValueAndChecksEveryValue() {
        Params p = params("page_size=5&page_size=7&search=a&search=b");
        p.checkDeclared();
        assertThat(p.integer("page_size", 25, 1, 100)).isEqualTo(7);
        assertThat(p.text("search")).isEqualTo("b");
        assertThat(errors("proveedor=%D9%A1&proveedor=1")).extracting(FieldError::field).containsExactly("proveedor");
        assertThat(errors("proveedor=1&proveedor=x")).extracting(FieldError::field).containsExactly("proveedor");
    }

    @Test
    void unknownParametersAreIgnoredButMustBeWellFormedUtf8() {
        assertThat(errors("unknown=whatever%00&page_size=3")).isEmpty();
        assertThat(errors("unknown=%FF")).extracting(FieldError::field).containsExactly("unknown");
    }

    @Test
    void aBoundReaderRefusesUndeclaredParametersAndOtherTypes() {
        Params p = params("");
        assertThatThrownBy(() -> p.text("not_declared")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not_declared");
        assertThatThrownBy(() -> p.id("search")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TEXT");
    }

    @Test
    void everyErrorIsReportedOnceEvenWhenAValueIsReadTwice() {
        Params p = params("proveedor=x");
        p.id("proveedor");
        p.id("proveedor");
        assertThatThrownBy(p::validate).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).hasSize(1));
    }
}
