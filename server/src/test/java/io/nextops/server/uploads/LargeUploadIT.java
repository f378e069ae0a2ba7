package io.nextops.server.uploads;

import io.nextops.server.HeapPeak;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Large uploads through the running (in-process) server: the live heap, sampled after a GC every 200 ms while the
 * body streams, must not grow with the file size. The body is generated while it is sent, never held in memory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeUploadIT {
    static final long MB = 1024L * 1024;
    static UploadFixture fx;
    static long provider;
    static long liveHeapGrowthAt20Mb;
    static double secondsPer200Mb;

    @BeforeAll
    static void start() throws Exception {
        fx = UploadFixture.start(Map.of("UPLOAD_MAX_FILE_MB", "1100", "UPLOAD_MAX_FILES", "2", "TIMEOUT", "600"));
        provider = fx.provider("Consolidadora Grande", "consolidadora", "regional");
        fx.server.accessToken(Role.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    /** Uploads {@code size} bytes and returns how much the post-GC heap grew over its baseline at the peak. */
    private static long uploadAndMeasureLiveHeapGrowth(long size, long seed) throws Exception {
        HeapPeak heap = HeapPeak.start(Duration.ofMillis(200));
        long start = System.nanoTime();
        JsonNode body;
        try {
            Multipart m = new Multipart().field("proveedor_id", Long.toString(provider)).field("tipo_costo", "OTRO")
                    .file("files[]", "big-" + size + ".pdf", size, () -> Multipart.generatedPdf(size, seed));
            body = UploadFixture.ok(fx.upload(m, Role.ADMIN));
        } finally {
            heap.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(body.get("processed").asInt()).as(body.toString()).isEqualTo(1);
        assertThat(body.get("results").get("success").get(0).get("size").asLong()).isEqualTo(size);
        long growth = heap.growthBytes();
        System.out.printf("upload of %d MB: %.1f s (%.0f MB/s), live heap growth at peak %.1f MB%n", size / MB,
                seconds, size / MB / seconds, growth / (double) MB);
        if (size == 200 * MB) {
            secondsPer200Mb = seconds;
        }
        return growth;
    }

    @Test
    @Order(1)
    void twentyMegabytes() throws Exception {
        liveHeapGrowthAt20Mb = uploadAndMeasureLiveHeapGrowth(20 * MB, 31);
        assertThat(liveHeapGrowthAt20Mb).isLessThan(16 * MB);
    }

    @Test
    @Order(2)
    void twoHundredMegabytesUseNoMoreHeapThanTwenty() throws Exception {
        long growth = uploadAndMeasureLiveHeapGrowth(200 * MB, 32);
        assertThat(growth).isLessThan(16 * MB).isLessThan(Math.max(liveHeapGrowthAt20Mb, 0) + 8 * MB);
        assertThat(fx.tempFiles()).isEmpty();
    }

    @Test
    @Order(3)
    void oneGigabyteWhenThisMachineIsFastEnough() throws Exception {
        Assumptions.assumeTrue(secondsPer200Mb > 0 && secondsPer200Mb * 5 < 30,
                "1 GB would take about " + Math.round(secondsPer200Mb * 5) + " s here; see benchmarks/scripts/uploads.sh");
        long growth = uploadAndMeasureLiveHeapGrowth(1024 * MB, 33);
        assertThat(growth).isLessThan(16 * MB);
    }
}
