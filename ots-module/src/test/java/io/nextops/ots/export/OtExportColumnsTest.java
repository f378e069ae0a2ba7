package io.nextops.ots.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.export.Column;
import io.nextops.export.ColumnType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtExportColumnsTest {
    @Test
    void hasTheOriginals27ColumnsAtHead() {
        List<Column<io.nextops.ots.workorder.Ot>> cols = OtExportColumns.COLUMNS.asList();
        assertThat(cols).hasSize(27);
        assertThat(cols.get(0).header()).isEqualTo("Operativo");
        assertThat(cols.get(6).type()).isEqualTo(ColumnType.INTEGER);
        assertThat(cols.get(26).header()).isEqualTo("Comentarios");
        assertThat(cols.stream().filter(c -> c.type() == ColumnType.DATE).map(c -> cols.indexOf(c) + 1))
                .containsExactly(14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26);
    }

    @Test
    void houseBlsAreTrimmedWithoutEmpties() {
        assertThat(OtExportColumns.houseBls(Arrays.asList(" A ", "", null, "B"))).isEqualTo("A, B");
        assertThat(OtExportColumns.houseBls(List.of())).isEmpty();
    }

    @Test
    void timestampsBecomeTheirUtcDate() {
        assertThat(OtExportColumns.utcDate(OffsetDateTime.parse("2025-03-01T20:30:00-06:00")))
                .isEqualTo(LocalDate.of(2025, 3, 2));
        assertThat(OtExportColumns.utcDate(null)).isNull();
    }
}
