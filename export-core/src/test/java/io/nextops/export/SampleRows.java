package io.nextops.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A row type covering every column type, and generated rows for tests that need many. */
final class SampleRows {

    record Row(long id, String name, Integer count, BigDecimal amount, Double ratio, Double share, LocalDate day,
               Object createdAt, Boolean flag, Boolean reviewed) {
    }

    static final Columns<Row> COLUMNS = Columns.<Row>builder()
            .integer("ID", Row::id, 8)
            .text("Nombre", Row::name, 25)
            .integer("Cantidad", Row::count, 12)
            .money("Monto (USD)", Row::amount, 12)
            .decimal("Ratio", Row::ratio, 10)
            .percent("Confianza", Row::share, 15)
            .date("Fecha", Row::day, 15)
            .dateTime("Creado", Row::createdAt, 20)
            .bool("Activo", Row::flag, 10)
            .yesNo("Requiere Revisión", Row::reviewed, "Sí", "No", 15)
            .build();

    static final Row FULL = new Row(1, "Año ñandú — 日本語 😀", 3, new BigDecimal("1234.56"), 0.5, 0.875,
            LocalDate.of(2025, 1, 31), OffsetDateTime.of(2025, 1, 31, 22, 30, 0, 0, ZoneOffset.ofHours(-6)),
            true, true);

    static final Row EMPTY = new Row(2, null, null, null, null, null, null, null, null, null);

    static final Row OTHER = new Row(3, "plain", 0, new BigDecimal("-5.25"), -0.125, 0.0,
            LocalDate.of(1999, 12, 31), LocalDateTime.of(2024, 2, 29, 8, 15, 30), false, false);

    private SampleRows() {
    }

    /** {@code count} generated rows, made one at a time (nothing is held). */
    static Iterator<Row> generate(long count) {
        return new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long i = next++;
                return row(i);
            }
        };
    }

    static Row row(long i) {
        return new Row(i, "cliente " + i, (int) (i % 1000), BigDecimal.valueOf(i, 2), i / 7.0, (i % 100) / 100.0,
                LocalDate.of(2020, 1, 1).plusDays(i % 3000), Instant.ofEpochSecond(1_700_000_000L + i),
                i % 2 == 0, i % 3 == 0);
    }
}
