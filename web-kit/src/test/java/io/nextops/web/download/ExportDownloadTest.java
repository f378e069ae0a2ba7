package io.nextops.web.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.export.ExportFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportDownloadTest {
    @Test
    void fileNameIsTheOriginalsPatternInUtc() {
        Instant now = Instant.parse("2025-03-01T05:06:07.891Z");
        assertThat(ExportDownload.fileName("Facturas", 1234, now, ExportFormat.XLSX))
                .isEqualTo("Facturas_1234_registros_20250301_050607.xlsx");
        assertThat(ExportDownload.fileName("OTs", 0, now, ExportFormat.CSV))
                .isEqualTo("OTs_0_registros_20250301_050607.csv");
    }

    @Test
    void contentDispositionHasAnAsciiAndAnRfc8187Form() {
        assertThat(ExportDownload.contentDisposition("OTs_2_registros_20250301_050607.xlsx")).isEqualTo(
                "attachment; filename=\"OTs_2_registros_20250301_050607.xlsx\"; "
                        + "filename*=UTF-8''OTs_2_registros_20250301_050607.xlsx");
        assertThat(ExportDownload.contentDisposition("Año \"1\".csv")).isEqualTo(
                "attachment; filename=\"A_o _1_.csv\"; filename*=UTF-8''A%C3%B1o%20%221%22.csv");
    }
}
