package io.nextops.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Iterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exports 1,000,000 rows to a discarding stream and checks the heap does not grow with the row count. Runs in its own
 * surefire execution under {@code -Xmx64m} (see pom.xml), so an export that held its rows would fail with
 * OutOfMemoryError long before the end.
 */
class ConstantMemoryTest {

    private static final long ROWS = 1_000_000;
    private static final long EARLY_SAMPLE = 10_000;
    private static final long MB = 1024 * 1024;

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void heapStaysFlatFromTenThousandToOneMillionRows(ExportFormat format) {
        SampledRows rows = new SampledRows(ROWS);
        CountingSink sink = new CountingSink();

        ExportSummary summary = Exporter.of(format).export(SampleRows.COLUMNS, rows, sink);

        long growth = rows.heapAtEnd - rows.heapAtEarlySample;
        System.out.printf("%s: %,d rows, %,d bytes, heap after gc at %,d rows %,d KB, at %,d rows %,d KB,"
                        + " growth %,d KB, max heap %,d MB, %d ms%n", format, summary.rowsWritten(), sink.bytes,
                EARLY_SAMPLE, rows.heapAtEarlySample / 1024, ROWS, rows.heapAtEnd / 1024, growth / 1024,
                Runtime.getRuntime().maxMemory() / MB, summary.elapsed().toMillis());
        assertThat(summary.rowsWritten()).isEqualTo(ROWS);
        assertThat(sink.bytes).isEqualTo(summary.bytesWritten()).isGreaterThan(ROWS * 10);
        // CSV holds nothing per row. fastexcel keeps one null slot per flushed row of the open sheet in an
        // ArrayList (4 bytes each with compressed oops, up to 1.5x while growing): ~4-6 MB at a million rows,
        // bounded by the 1,048,576-row sheet limit.
        long allowed = format == ExportFormat.CSV ? 2 * MB : 8 * MB;
        assertThat(growth).as("heap growth from %,d to %,d rows", EARLY_SAMPLE, ROWS).isLessThan(allowed);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Generated rows; measures the heap when the writer asks for row 10,001 and for the last row. */
    private static final class SampledRows implements Iterator<SampleRows.Row> {
        private final long count;
        private long pulled;
        long heapAtEarlySample;
        long heapAtEnd;

        SampledRows(long count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return pulled < count;
        }

        @Override
        public SampleRows.Row next() {
            if (pulled == EARLY_SAMPLE) {
                heapAtEarlySample = usedHeapAfterGc();
            } else if (pulled == count - 1) {
                heapAtEnd = usedHeapAfterGc();
            }
            return SampleRows.row(++pulled);
        }
    }

    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
