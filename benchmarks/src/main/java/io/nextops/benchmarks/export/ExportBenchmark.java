package io.nextops.benchmarks.export;

import io.nextops.export.Column;
import io.nextops.export.ExportSummary;
import io.nextops.export.Exporter;
import io.nextops.export.XlsxOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second exporting 24 invoice-like columns to a discarding stream: CSV and XLSX through export-core, and a
 * baseline that writes the same extracted values with a plain {@link BufferedWriter} joined by commas (no quoting,
 * no number or date formatting). Scores are rows/s ({@link OperationsPerInvocation} = rows per call).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Export -f 1 -wi 2 -i 3}; see docs/benchmarks/export-core.md.
 * Warm-up iterations are long (8 s) because one XLSX call is ~0.5 s and its JIT settles late.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 8)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ExportBenchmark {

    static final int ROWS = 10_000;

    private List<InvoiceRow> rows;
    private Exporter csv;
    private Exporter xlsx;

    @Setup
    public void setUp() {
        rows = InvoiceRow.generate(ROWS, 42);
        csv = Exporter.csv();
        xlsx = Exporter.xlsx(XlsxOptions.defaults().withSheetName("Facturas"));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public ExportSummary csv() {
        return csv.export(InvoiceRow.COLUMNS, rows, OutputStream.nullOutputStream());
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public ExportSummary xlsx() {
        return xlsx.export(InvoiceRow.COLUMNS, rows, OutputStream.nullOutputStream());
    }

    /** The floor: same extractors, {@code String.valueOf} joined by commas into a BufferedWriter. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long baselineBufferedWriter() throws IOException {
        CountingNullStream sink = new CountingNullStream();
        List<Column<InvoiceRow>> columns = InvoiceRow.COLUMNS.asList();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 16 * 1024)) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.write(',');
                }
                out.write(columns.get(c).header());
            }
            out.write("\r\n");
            for (InvoiceRow row : rows) {
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        out.write(',');
                    }
                    Object value = columns.get(c).value().apply(row);
                    if (value != null) {
                        out.write(String.valueOf(value));
                    }
                }
                out.write("\r\n");
            }
        }
        return sink.bytes;
    }

    private static final class CountingNullStream extends OutputStream {
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
