package io.nextops.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExportListenerTest {

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void toldEveryThousandTwentyFourRowsWithGrowingBytes(ExportFormat format) {
        long rows = 5_000;
        List<long[]> calls = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportSummary summary = Exporter.of(format).export(SampleRows.COLUMNS,
                LongStream.rangeClosed(1, rows).mapToObj(SampleRows::row), out,
                (r, b) -> calls.add(new long[] {r, b, out.size()}));

        assertThat(summary.rowsWritten()).isEqualTo(rows);
        assertThat(calls).extracting(c -> c[0]).containsExactly(1024L, 2048L, 3072L, 4096L);
        for (int i = 0; i < calls.size(); i++) {
            long[] c = calls.get(i);
            assertThat(c[1]).as("bytes at call %d", i).isEqualTo(c[2]); // what the stream had received then
            if (i > 0) {
                assertThat(c[1]).isGreaterThanOrEqualTo(calls.get(i - 1)[1]);
            }
        }
        if (format == ExportFormat.CSV) {
            assertThat(calls.get(0)[1]).isPositive(); // CSV bytes follow the rows closely
        }
        assertThat(calls.get(calls.size() - 1)[1]).isLessThanOrEqualTo(summary.bytesWritten());
    }
}
