package io.nextops.invoices.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringArrayTest {
    @Test
    void joinsPlainArraysWithoutATree() {
        assertThat(JsonStringArray.join("[\"MSCU1234567\", \"TGHU7654321\"]", ", "))
                .isEqualTo("MSCU1234567, TGHU7654321");
        assertThat(JsonStringArray.join("[]", ", ")).isEmpty();
        assertThat(JsonStringArray.join("[\"\", \"A\"]", ", ")).isEqualTo(", A");
        assertThat(JsonStringArray.join(null, ", ")).isNull();
    }

    @Test
    void fallsBackToJacksonForEscapesAndOtherValues() {
        assertThat(JsonStringArray.join("[\"a\\\"b\", \"\\u00f1\"]", "|")).isEqualTo("a\"b|ñ");
        assertThat(JsonStringArray.join("[1, \"x\", null]", ", ")).isEqualTo("1, x, null");
        assertThat(JsonStringArray.join("not json", ", ")).isEqualTo("not json");
    }
}
