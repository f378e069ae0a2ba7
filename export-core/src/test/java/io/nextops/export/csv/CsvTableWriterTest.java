package io.nextops.export.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.export.CsvOptions;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableWriterTest {

    @Test
    void fastDefaultDateTimeTextMatchesTheDefaultFormatter() {
        for (LocalDateTime t : List.of(LocalDateTime.of(2025, 1, 31, 13, 5, 9), LocalDateTime.of(1, 2, 3, 0, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(12345, 6, 7, 8, 9, 10),
                LocalDateTime.of(-44, 3, 15, 12, 0))) {
            assertThat(CsvTableWriter.defaultDateTime(t)).isEqualTo(CsvOptions.DEFAULT_DATE_TIME_FORMAT.format(t));
        }
    }

    @Test
    void fastDefaultDateTextMatchesIsoLocalDate() {
        for (LocalDate d : List.of(LocalDate.of(2025, 1, 31), LocalDate.of(1, 1, 1), LocalDate.of(12345, 6, 7),
                LocalDate.of(-44, 3, 15))) {
            assertThat(d.toString()).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE.format(d));
        }
    }
}
