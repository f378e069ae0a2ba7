package io.nextops.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ExportAbortTest {

    private static final long ROWS = 1_000_000;

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void stopsPromptlyWithAbortExceptionWhenTheClientGoesAway(ExportFormat format) {
        CountingRows rows = new CountingRows(ROWS);
        BrokenPipe sink = new BrokenPipe(200_000, rows);
        long start = System.nanoTime();

        ExportAbortedException e = catchThrowableOfType(ExportAbortedException.class,
                () -> Exporter.of(format).export(SampleRows.COLUMNS, rows, sink));

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).isNotNull();
        assertThat(e.getCause()).isSameAs(sink.failure);
        assertThat(e.format()).isEqualTo(format);
        assertThat(e.getMessage()).startsWith(format.fileExtension() + " export aborted after " + e.rowsWritten()
                + " rows: output stream failed: java.io.IOException: Broken pipe");
        // nothing more reaches the dead stream, and at most a block or a buffer of rows is pulled after it died
        assertThat(sink.callsAfterFailure).isZero();
        assertThat(rows.pulled - sink.rowsPulledWhenFailed).isLessThanOrEqualTo(2_000);
        assertThat(e.rowsWritten()).isLessThanOrEqualTo(rows.pulled).isLessThan(ROWS / 10);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void abortsWhenTheStreamFailsOnTheFinalFlush(ExportFormat format) {
        OutputStream failsOnFlush = new ByteArrayOutputStream() {
            @Override
            public void flush() throws IOException {
                throw new IOException("Connection reset by peer");
            }
        };

        assertThatThrownBy(() -> Exporter.of(format)
                .export(SampleRows.COLUMNS, List.of(SampleRows.FULL), failsOnFlush))
                .isInstanceOf(ExportAbortedException.class)
                .hasMessageContaining("aborted after 1 rows: output stream failed")
                .hasRootCauseMessage("Connection reset by peer");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void abortsWhenTheExportingThreadIsInterrupted(ExportFormat format) {
        CountingRows rows = new CountingRows(ROWS);
        Thread.currentThread().interrupt();

        ExportAbortedException e = catchThrowableOfType(ExportAbortedException.class,
                () -> Exporter.of(format).export(SampleRows.COLUMNS, rows, OutputStream.nullOutputStream()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).endsWith("rows: thread interrupted");
        assertThat(e.getCause()).isNull();
        assertThat(rows.pulled).isLessThanOrEqualTo(1_024);
    }

    @Test
    void letsExceptionsFromTheRowCursorThroughUnchanged() {
        IllegalStateException cursorFailure = new IllegalStateException("connection lost");
        Iterator<SampleRows.Row> failing = new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SampleRows.Row next() {
                if (served++ == 3) {
                    throw cursorFailure;
                }
                return SampleRows.FULL;
            }
        };

        assertThatThrownBy(() -> Exporter.xlsx().export(SampleRows.COLUMNS, failing, new ByteArrayOutputStream()))
                .isSameAs(cursorFailure);
    }

    @Test
    void letsUncheckedIoExceptionsFromTheRowCursorThroughUnchanged() {
        java.io.UncheckedIOException cursorFailure = new java.io.UncheckedIOException(new IOException("disk"));
        Iterator<SampleRows.Row> failing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SampleRows.Row next() {
                throw cursorFailure;
            }
        };

        assertThatThrownBy(() -> Exporter.csv().export(SampleRows.COLUMNS, failing, new ByteArrayOutputStream()))
                .isSameAs(cursorFailure);
    }

    /** Generated rows that count how many were pulled. */
    private static final class CountingRows implements Iterator<SampleRows.Row> {
        private final long count;
        long pulled;

        CountingRows(long count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return pulled < count;
        }

        @Override
        public SampleRows.Row next() {
            return SampleRows.row(++pulled);
        }
    }

    /** Accepts {@code limit} bytes, then fails like a socket whose peer went away, and counts later calls. */
    private static final class BrokenPipe extends OutputStream {
        private final long limit;
        private final CountingRows rows;
        private long written;
        IOException failure;
        long rowsPulledWhenFailed;
        int callsAfterFailure;

        BrokenPipe(long limit, CountingRows rows) {
            this.limit = limit;
            this.rows = rows;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                callsAfterFailure++;
                throw new IOException("still broken");
            }
            written += len;
            if (written > limit) {
                failure = new IOException("Broken pipe");
                rowsPulledWhenFailed = rows.pulled;
                throw failure;
            }
        }

        @Override
        public void flush() throws IOException {
            if (failure != null) {
                callsAfterFailure++;
                throw new IOException("still broken");
            }
        }
    }
}
