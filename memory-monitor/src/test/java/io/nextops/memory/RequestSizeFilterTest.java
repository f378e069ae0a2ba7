package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestSizeFilterTest {
    private static final long MB = Units.BYTES_PER_MB;
    private final RecordingLog log = new RecordingLog();
    private final RequestSizeFilter filter = new RequestSizeFilter(10 * MB, log);

    @Test
    void countsAStreamed20MibResponseExactlyWithoutHoldingIt() throws Exception {
        byte[] chunk = new byte[8 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        int chunks = 20 * 1024 * 1024 / chunk.length;
        ServletFakes.Response response = new ServletFakes.Response();
        long[] allocated = new long[1];
        FilterChain streaming = (req, res) -> {
            ServletOutputStream out = res.getOutputStream();
            long before = allocatedBytes();
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
                if (i % 128 == 0) {
                    out.flush();
                }
            }
            allocated[0] = allocatedBytes() - before;
        };

        filter.doFilter(new ServletFakes.Request().proxy(), response.proxy(), streaming);

        assertThat(response.bytesSeenByContainer).isEqualTo(20L * 1024 * 1024);
        assertThat(response.flushes).as("flushes pass through").isEqualTo(chunks / 128);
        // the body went to a discarding stream: writing it through the filter allocated (nearly) nothing
        assertThat(allocated[0]).isLessThan(1024 * 1024);
        assertThat(log.messages(MemoryLog.Level.WARN)).containsExactly(
                "large response body GET /api/things status=200 written=20.0MB (20971520 bytes) threshold=10.0MB");
    }

    /** Bytes allocated by this thread so far (HotSpot). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void smallResponsesAreNotLogged() throws Exception {
        FilterChain small = (req, res) -> res.getOutputStream().write(new byte[1000]);

        filter.doFilter(new ServletFakes.Request().proxy(), new ServletFakes.Response().proxy(), small);

        assertThat(log.lines()).isEmpty();
    }

    @Test
    void countsWriterOutputAsUtf8Bytes() throws Exception {
        RequestSizeFilter tiny = new RequestSizeFilter(10, log);
        FilterChain writing = (req, res) -> {
            PrintWriter writer = res.getWriter();
            writer.print("héllo");      // 6 bytes
            writer.println("€");       // 3 bytes + line separator
            writer.print("\uD83D\uDE00"); // one emoji, a surrogate pair: 4 bytes
            writer.printf("%d", 42);   // 2 bytes
            writer.flush();
        };

        filter.doFilter(new ServletFakes.Request().proxy(), new ServletFakes.Response().proxy(), writing);
        tiny.doFilter(new ServletFakes.Request().proxy(), new ServletFakes.Response().proxy(), writing);

        long expected = 6 + 3 + System.lineSeparator().length() + 4 + 2;
        assertThat(log.messages(MemoryLog.Level.WARN)).singleElement().asString()
                .contains("(" + expected + " bytes)");
    }

    @Test
    void countsRequestBytesActuallyReadAndWarnsOnTheDeclaredLength() throws Exception {
        ServletFakes.Request request = new ServletFakes.Request();
        request.method = "POST";
        request.uri = "/api/upload";
        request.body = new byte[12 * 1024 * 1024];
        request.contentLength = request.body.length;
        FilterChain reading = (req, res) -> {
            InputStream in = req.getInputStream();
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // drain
            }
        };

        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), reading);
        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), (req, res) -> { });

        assertThat(log.messages(MemoryLog.Level.WARN)).containsExactly(
                "large request body POST /api/upload read=12.0MB (12582912 bytes) declared=12582912 bytes"
                        + " threshold=10.0MB",
                "large request body POST /api/upload read=0.0MB (0 bytes) declared=12582912 bytes threshold=10.0MB");
    }

    @Test
    void countsRequestReaderCharacters() throws Exception {
        ServletFakes.Request request = new ServletFakes.Request();
        request.body = "line one\nline two\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RequestSizeFilter tiny = new RequestSizeFilter(5, log);
        FilterChain reading = (req, res) -> {
            BufferedReader reader = req.getReader();
            while (reader.readLine() != null) {
                // drain
            }
        };

        tiny.doFilter(request.proxy(), new ServletFakes.Response().proxy(), reading);

        assertThat(log.messages(MemoryLog.Level.WARN)).singleElement().asString().contains("(18 bytes)");
    }

    @Test
    void asyncResponsesAreCheckedWhenTheyComplete() throws Exception {
        ServletFakes.Request request = new ServletFakes.Request();
        request.asyncStarted = true;
        ServletOutputStream[] captured = new ServletOutputStream[1];
        FilterChain startsAsync = (req, res) -> captured[0] = res.getOutputStream();

        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), startsAsync);
        assertThat(log.lines()).isEmpty();
        // the response is written later, on another thread, through the stream captured before the chain returned
        Thread writer = new Thread(() -> {
            try {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 11 * 16; i++) {
                    captured[0].write(chunk);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        writer.join();
        request.completeAsync();

        assertThat(log.messages(MemoryLog.Level.WARN)).singleElement().asString()
                .contains("written=11.0MB (11534336 bytes)");
    }
}
