package io.nextops.invoices.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.export.Column;
import io.nextops.export.ColumnType;
import io.nextops.invoices.invoice.InvoiceRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceExportColumnsTest {
    @Test
    void hasTheOriginals24ColumnsWithTheirTypesAndWidths() {
        List<Column<InvoiceRow>> cols = InvoiceExportColumns.COLUMNS.asList();
        assertThat(cols).extracting(Column::header).containsExactly("ID", "Número Factura", "OT", "Cliente", "MBL",
                "Contenedor", "Naviera", "Barco", "Proveedor", "NIT Proveedor", "Tipo Proveedor", "Tipo Costo",
                "Monto (USD)", "Fecha Emisión", "Fecha Vencimiento", "Fecha Provisión", "Fecha Facturación",
                "Estado Provisión", "Estado Facturación", "Método Asignación", "Confianza Match",
                "Requiere Revisión", "Notas", "Creado");
        assertThat(cols).extracting(Column::width).containsExactly(8.0, 20.0, 15.0, 25.0, 18.0, 15.0, 20.0, 20.0,
                25.0, 15.0, 18.0, 15.0, 12.0, 15.0, 18.0, 18.0, 20.0, 18.0, 20.0, 20.0, 15.0, 15.0, 40.0, 20.0);
        assertThat(cols.get(12).type()).isEqualTo(ColumnType.MONEY);
        assertThat(cols.get(20).type()).isEqualTo(ColumnType.PERCENT);
        assertThat(cols.get(23).type()).isEqualTo(ColumnType.DATETIME);
    }

    @Test
    void creadoIsWrittenInElSalvadorTime() {
        assertThat(InvoiceExportColumns.ZONE.getId()).isEqualTo("America/El_Salvador");
    }
}
