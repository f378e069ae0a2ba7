package io.nextops.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    @Test
    void columnFactoriesFillInTheTypeDefaults() {
        Column<Object> money = Column.money("Monto (USD)", r -> 1);
        Column<Object> percent = Column.percent("Confianza", r -> 0.5);
        Column<Object> date = Column.date("Fecha", r -> null);
        Column<Object> text = Column.text("Notas", r -> "");

        assertThat(money).extracting(Column::type, Column::numberFormat, Column::alignment, Column::width)
                .containsExactly(ColumnType.MONEY, "$#,##0.00", CellAlignment.RIGHT, 15.0);
        assertThat(percent).extracting(Column::numberFormat, Column::alignment)
                .containsExactly("0.0%", CellAlignment.CENTER);
        assertThat(date).extracting(Column::numberFormat, Column::alignment)
                .containsExactly("DD/MM/YYYY", CellAlignment.CENTER);
        assertThat(text).extracting(Column::numberFormat, Column::alignment)
                .containsExactly(null, CellAlignment.LEFT);
        assertThat(Column.integer("n", r -> 1).withNumberFormat("#,##0").withAlignment(CellAlignment.CENTER)
                .withWidth(12)).extracting(Column::numberFormat, Column::alignment, Column::width)
                .containsExactly("#,##0", CellAlignment.CENTER, 12.0);
    }

    @Test
    void rejectsInvalidColumnsNamingFieldAndValue() {
        assertThatThrownBy(() -> Column.text(" ", r -> r))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("header must not be blank, was ' '");
        assertThatThrownBy(() -> Column.text("Notas", r -> r).withWidth(0))
                .hasMessage("width of column 'Notas' must be in (0, 255], was 0.0");
        assertThatThrownBy(() -> Column.text("Notas", r -> r).withWidth(256))
                .hasMessage("width of column 'Notas' must be in (0, 255], was 256.0");
        assertThatThrownBy(() -> Column.text("Notas", r -> r).withNumberFormat(""))
                .hasMessage("numberFormat of column 'Notas' must be null or not blank, was ''");
        assertThatThrownBy(() -> Column.text("Notas", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
        assertThatThrownBy(() -> Columns.of(List.of()))
                .hasMessage("columns must not be empty, was 0 columns");
    }

    @Test
    void rejectsInvalidXlsxOptionsNamingFieldAndValue() {
        XlsxOptions defaults = XlsxOptions.defaults();

        assertThatThrownBy(() -> defaults.withMaxRowsPerSheet(1))
                .hasMessage("maxRowsPerSheet must be in [2, 1048576], was 1");
        assertThatThrownBy(() -> defaults.withMaxRowsPerSheet(1_048_577))
                .hasMessage("maxRowsPerSheet must be in [2, 1048576], was 1048577");
        assertThatThrownBy(() -> defaults.withFlushEveryRows(0))
                .hasMessage("flushEveryRows must be in [1, 100000], was 0");
        assertThatThrownBy(() -> defaults.withSheetName("x".repeat(32)))
                .hasMessage("sheetName must be 1 to 31 characters and not blank, was '" + "x".repeat(32) + "'");
        assertThatThrownBy(() -> defaults.withSheetName("a/b"))
                .hasMessage("sheetName must not contain []:*?/\\ nor start or end with ', was 'a/b'");
    }

    @Test
    void rejectsACsvDelimiterThatWouldBreakRecords() {
        assertThatThrownBy(() -> CsvOptions.defaults().withDelimiter('"'))
                .hasMessage("delimiter must not be a quote, CR or LF, was 34");
    }

    @Test
    void optionsDefaultToUtcAndExcelsLimits() {
        assertThat(XlsxOptions.defaults()).extracting(XlsxOptions::maxRowsPerSheet, XlsxOptions::neutralizeFormulas,
                XlsxOptions::zone, XlsxOptions::textOverflow)
                .containsExactly(1_048_576, true, ZoneId.of("Z"), TextOverflow.TRUNCATE);
        assertThat(CsvOptions.defaults()).extracting(CsvOptions::byteOrderMark, CsvOptions::delimiter,
                CsvOptions::neutralizeFormulas, CsvOptions::zone)
                .containsExactly(false, ',', true, ZoneId.of("Z"));
    }

    @Test
    void formatsAnnounceContentTypeAndFileName() {
        assertThat(Exporter.xlsx().format().contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(ExportFormat.XLSX.fileName("Facturas_10_registros_20250131_120000"))
                .isEqualTo("Facturas_10_registros_20250131_120000.xlsx");
        assertThat(Exporter.of(ExportFormat.CSV).format().contentType()).isEqualTo("text/csv; charset=UTF-8");
        assertThat(ExportFormat.CSV.fileExtension()).isEqualTo("csv");
    }
}
