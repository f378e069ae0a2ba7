package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void formatsMebibytesWithOneDecimal() {
        assertThat(Units.formatMb(0)).isEqualTo("0.0MB");
        assertThat(Units.formatMb(1024 * 1024)).isEqualTo("1.0MB");
        assertThat(Units.formatMb(1536 * 1024)).isEqualTo("1.5MB");
        assertThat(Units.formatMb(1024L * 1024 * 1024 * 3 + 1024 * 1024 * 99 / 100)).isEqualTo("3073.0MB");
        assertThat(Units.formatMb(52_000)).isEqualTo("0.0MB");
        assertThat(Units.formatMb(-1)).isEqualTo("n/a");
    }

    @Test
    void toMbRoundsToOneDecimalAndKeepsUnknownAsNull() {
        assertThat(Units.toMb(1024 * 1024 * 5 / 2)).isEqualTo(2.5);
        assertThat(Units.toMb(-1)).isNull();
    }
}
