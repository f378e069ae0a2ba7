package io.nextops.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mixed scenario against a running server (loopback only): logs in, then for {@code --duration} seconds runs
 * concurrent CSV and XLSX exports of the invoices (bodies consumed and counted, never held), concurrent uploads of
 * generated 50-200 MB PDF-like files (streamed from a generator, never a byte array), and list/detail traffic at a
 * steady rate, while sampling the server's RSS and {@code /health/memory} status every second. Every loop is bounded
 * in count and time; after {@code --duration + --grace} the driver reports whatever finished and exits.
 *
 * <p>With {@code --ack-log FILE} every upload's outcome is appended to FILE as one line, written when its answer
 * (or I/O error) arrives: {@code KIND start_ms end_ms status file_id sha256 size filename}, where KIND is {@code ACK}
 * (2xx, stored: {@code file_id} from the answer), {@code DUP} (2xx, reported as a duplicate) or {@code FAIL} (anything
 * else; status 0 is an I/O error, file_id {@code -}); times are epoch milliseconds, {@code sha256} the digest of the
 * generated content as the client sent it (recomputed from the generator's seed). Scenario scripts check the store
 * and the database against it (benchmarks/scripts/two-instances.sh).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.nextops.benchmarks.load.MixedLoad \
 *     --url http://localhost:8000 --user admin --password secret --duration 120 --pid 12345
 * </pre>
 *
 * <p>Exit status: 0 report printed, 1 could not log in or set up, 2 bad options. Thread-safety: one run per instance.
 */
public final class MixedLoad {
    private static final Pattern ACCESS = Pattern.compile("\"access\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern PROCESSED = Pattern.compile("\"processed\"\\s*:\\s*(\\d+)");
    private static final Pattern FILE_ROWS = Pattern.compile("_(\\d+)_registros");
    private static final Pattern FILE_ID = Pattern.compile("\"file_id\"\\s*:\\s*(\\d+)");
    private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)");

    private final LoadOptions options;
    private final PrintStream out;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Recorder recorder = new Recorder();
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    private final AtomicLongArray detailIds = new AtomicLongArray(1024);
    private final AtomicInteger knownIds = new AtomicInteger();
    private final AtomicInteger exportsStarted = new AtomicInteger();
    private final AtomicInteger uploadsStarted = new AtomicInteger();
    private final Map<String, ExportTotals> exportTotals = new ConcurrentHashMap<>();
    private final LongAdder uploadBytes = new LongAdder();
    private final LongAdder uploadNanos = new LongAdder();
    private final LongAdder uploadFileErrors = new LongAdder();
    private final LongAdder listSkipped = new LongAdder();
    private final AtomicLong invoiceCount = new AtomicLong();
    private volatile String token;
    private volatile long stopAt;
    private PrintWriter ackLog;

    MixedLoad(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, System.getenv("NEXTOPS_ADMIN_PASSWORD"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status = new MixedLoad(options, System.out).run();
        System.exit(status);
    }

    int run() throws InterruptedException {
        if (options.ackLog() != null) {
            try {
                ackLog = new PrintWriter(Files.newBufferedWriter(options.ackLog(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            } catch (IOException e) {
                out.println("cannot open --ack-log " + options.ackLog() + ": " + e);
                return 1;
            }
        }
        try {
            token = login();
        } catch (IOException | IllegalStateException e) {
            out.println("cannot log in as " + options.user() + ": " + e.getMessage());
            return 1;
        }
        long providerId;
        try {
            providerId = options.uploaders() == 0 ? 0
                    : options.providerId() > 0 ? options.providerId() : createProvider();
        } catch (IOException | IllegalStateException e) {
            out.println("cannot create a provider for uploads: " + e.getMessage());
            return 1;
        }
        out.printf("mixed load: %s for %ds: %d CSV + %d XLSX exporters (<= %d exports), %d uploaders of %d-%d MB "
                        + "(<= %d uploads), %d list/detail req/s%n", options.url(), options.duration().toSeconds(),
                options.csvExporters(), options.xlsxExporters(), options.maxExports(), options.uploaders(),
                options.uploadMinBytes() >> 20, options.uploadMaxBytes() >> 20, options.maxUploads(),
                options.listPerSecond());

        ServerSampler sampler = new ServerSampler(options.pid(), client, options.url());
        sampler.start();
        long start = System.nanoTime();
        stopAt = start + options.duration().toNanos();
        List<Thread> loops = new ArrayList<>();
        for (int i = 0; i < options.csvExporters(); i++) {
            loops.add(loop("export-csv-" + i, () -> export("csv")));
        }
        for (int i = 0; i < options.xlsxExporters(); i++) {
            loops.add(loop("export-xlsx-" + i, () -> export("xlsx")));
        }
        for (int i = 0; i < options.uploaders(); i++) {
            loops.add(loop("upload-" + i, () -> upload(providerId)));
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService listWorkers = Executors.newFixedThreadPool(options.maxListInFlight());
        Semaphore inFlight = new Semaphore(options.maxListInFlight());
        if (options.listPerSecond() > 0) {
            long periodMicros = 1_000_000L / options.listPerSecond();
            AtomicLong tick = new AtomicLong();
            ticker.scheduleAtFixedRate(() -> {
                if (System.nanoTime() >= stopAt) {
                    return;
                }
                if (!inFlight.tryAcquire()) {
                    listSkipped.increment();
                    return;
                }
                long n = tick.getAndIncrement();
                listWorkers.execute(() -> {
                    try {
                        listOrDetail(n);
                    } finally {
                        inFlight.release();
                    }
                });
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
        }

        long hardStop = stopAt + options.grace().toNanos();
        for (Thread t : loops) {
            t.join(Math.max(1, (hardStop - System.nanoTime()) / 1_000_000));
        }
        // list/detail traffic runs for the whole duration even when the heavy loops ended early
        long untilStop = (stopAt - System.nanoTime()) / 1_000_000;
        if (untilStop > 0) {
            Thread.sleep(untilStop);
        }
        ticker.shutdownNow();
        listWorkers.shutdown();
        listWorkers.awaitTermination(Math.max(1, (hardStop - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        long elapsedNanos = System.nanoTime() - start;
        sampler.stop();
        int stillRunning = (int) loops.stream().filter(Thread::isAlive).count();
        report(sampler, elapsedNanos, stillRunning);
        if (ackLog != null) {
            synchronized (this) {
                ackLog.close();
            }
        }
        return 0;
    }

    private Thread loop(String name, Step step) {
        Thread t = new Thread(() -> {
            while (System.nanoTime() < stopAt) {
                if (!step.next()) {
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One unit of work; false when the loop should end (bound reached or endpoint absent). */
    private interface Step {
        boolean next();
    }

    private boolean export(String format) {
        String key = "export-" + format;
        if (unavailable.containsKey("export") || exportsStarted.incrementAndGet() > options.maxExports()) {
            return false;
        }
        String query = format.equals("csv") ? "?format=csv" : "";
        HttpRequest request = authorized("/api/invoices/export-excel/" + query).GET()
                .timeout(Duration.ofMinutes(5)).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    if (System.nanoTime() > stopAt + options.grace().toNanos()) {
                        break; // bounded: give up on a body still streaming past the hard stop
                    }
                }
            }
            long nanos = System.nanoTime() - t0;
            recorder.record(key, r.statusCode(), nanos);
            if (r.statusCode() == 404 || r.statusCode() == 405) {
                unavailable.put("export", "GET /api/invoices/export-excel/ answered " + r.statusCode());
                return false;
            }
            if (r.statusCode() == 200) {
                Matcher m = FILE_ROWS.matcher(r.headers().firstValue("Content-Disposition").orElse(""));
                long rows = m.find() ? Long.parseLong(m.group(1)) : format.equals("csv") ? Math.max(0, lines - 1) : 0;
                exportTotals.computeIfAbsent(format, f -> new ExportTotals()).add(rows, lines, bytes, nanos);
            } else if (r.statusCode() == 503) {
                pause(1000); // memory pressure or a full pool: back off as a client would
            }
        } catch (IOException e) {
            recorder.record(key, 0, System.nanoTime() - t0);
            pause(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private boolean upload(long providerId) {
        int n = uploadsStarted.incrementAndGet();
        if (unavailable.containsKey("upload") || n > options.maxUploads()) {
            return false;
        }
        long size = options.uploadMinBytes() + ThreadLocalRandom.current()
                .nextLong(options.uploadMaxBytes() - options.uploadMinBytes() + 1);
        long seed = System.nanoTime() ^ n;
        Multipart body = new Multipart(Map.of("proveedor_id", Long.toString(providerId), "tipo_costo", "OTRO"),
                "files[]", "load-" + n + "-" + Long.toHexString(seed) + ".pdf", "application/pdf", size,
                () -> new GeneratedPdfStream(size, seed));
        HttpRequest request = authorized("/api/invoices/upload/").header("Content-Type", body.contentType())
                .POST(body.publisher()).timeout(Duration.ofMinutes(10)).build();
        String filename = "load-" + n + "-" + Long.toHexString(seed) + ".pdf";
        long t0 = System.nanoTime();
        long startMs = System.currentTimeMillis();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - t0;
            recorder.record("upload", r.statusCode(), nanos);
            logUpload(startMs, r.statusCode(), r.body(), size, seed, filename);
            if (r.statusCode() == 404 || r.statusCode() == 405) {
                unavailable.put("upload", "POST /api/invoices/upload/ answered " + r.statusCode());
                return false;
            }
            Matcher m = PROCESSED.matcher(r.body());
            if (r.statusCode() / 100 == 2 && m.find() && Integer.parseInt(m.group(1)) >= 1) {
                uploadBytes.add(size);
                uploadNanos.add(nanos);
            } else {
                uploadFileErrors.increment();
                if (uploadFileErrors.sum() <= 3) {
                    out.println("upload of " + (size >> 20) + " MB not stored: " + r.statusCode() + " "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                }
                if (r.statusCode() == 503) {
                    pause(1000);
                }
            }
        } catch (IOException e) {
            recorder.record("upload", 0, System.nanoTime() - t0);
            logUpload(startMs, 0, "", size, seed, filename);
            pause(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** One {@code --ack-log} line for an upload's outcome (nothing without the option). */
    private void logUpload(long startMs, int status, String body, long size, long seed, String filename) {
        if (ackLog == null) {
            return;
        }
        long endMs = System.currentTimeMillis();
        String kind = "FAIL";
        String fileId = "-";
        if (status / 100 == 2) {
            Matcher processed = PROCESSED.matcher(body);
            Matcher id = FILE_ID.matcher(body);
            Matcher dup = DUPLICATES.matcher(body);
            if (processed.find() && Integer.parseInt(processed.group(1)) >= 1 && id.find()) {
                kind = "ACK";
                fileId = id.group(1);
            } else if (dup.find() && Integer.parseInt(dup.group(1)) >= 1) {
                kind = "DUP";
            }
        }
        String line = String.join(" ", kind, Long.toString(startMs), Long.toString(endMs), Integer.toString(status),
                fileId, sha256Of(size, seed), Long.toString(size), filename);
        synchronized (this) {
            ackLog.println(line);
            ackLog.flush();
        }
    }

    /** The SHA-256 of what {@link GeneratedPdfStream} produced for {@code size} and {@code seed}: generated again. */
    private static String sha256Of(long size, long seed) {
        try (InputStream in = new GeneratedPdfStream(size, seed)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void listOrDetail(long n) {
        int known = Math.min(knownIds.get(), detailIds.length());
        String key;
        String path;
        switch ((int) (n % 4)) {
            case 0 -> {
                key = "list-invoices";
                int pages = (int) Math.max(1, Math.min(8000, invoiceCount.get() / 25));
                int page = 1 + ThreadLocalRandom.current().nextInt(n % 20 == 0 ? pages : Math.min(40, pages));
                path = "/api/invoices/?page=" + page + "&page_size=25";
            }
            case 1 -> {
                key = "list-ots";
                path = "/api/ots/?page=" + (1 + ThreadLocalRandom.current().nextInt(40)) + "&page_size=25";
            }
            case 2 -> {
                key = "search-invoices"; // a substring search: its exact count scans every live invoice
                path = "/api/invoices/?search=" + (char) ('A' + ThreadLocalRandom.current().nextInt(26))
                        + "&page_size=50";
            }
            default -> {
                if (known == 0) {
                    key = "list-invoices";
                    path = "/api/invoices/?page_size=100";
                } else {
                    key = "detail-invoice";
                    path = "/api/invoices/" + detailIds.get(ThreadLocalRandom.current().nextInt(known)) + "/";
                }
            }
        }
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(authorized(path).GET().timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            recorder.record(key, r.statusCode(), System.nanoTime() - t0);
            if ((key.startsWith("list-invoices") || key.startsWith("search-")) && r.statusCode() == 200) {
                Matcher c = COUNT.matcher(r.body());
                if (key.equals("list-invoices") && c.find()) {
                    invoiceCount.set(Long.parseLong(c.group(1)));
                }
                Matcher m = ID.matcher(r.body());
                for (int i = 0; i < 5 && m.find(); i++) {
                    int slot = knownIds.getAndIncrement() % detailIds.length();
                    detailIds.set(slot, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            recorder.record(key, 0, System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String login() throws IOException, InterruptedException {
        String json = "{\"username\":\"" + jsonEscape(options.user()) + "\",\"password\":\""
                + jsonEscape(options.password()) + "\"}";
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(options.url().resolve("/api/token/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        recorder.record("login", r.statusCode(), System.nanoTime() - t0);
        Matcher m = ACCESS.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("POST /api/token/ answered " + r.statusCode());
        }
        return m.group(1);
    }

    private long createProvider() throws IOException, InterruptedException {
        String json = "{\"nombre\":\"Load driver " + System.currentTimeMillis() + "\",\"tipo\":\"naviera\","
                + "\"categoria\":\"nacional\"}";
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(authorized("/api/catalogs/providers/")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        recorder.record("create-provider", r.statusCode(), System.nanoTime() - t0);
        Matcher m = ID.matcher(r.body());
        if (r.statusCode() / 100 != 2 || !m.find()) {
            throw new IllegalStateException("POST /api/catalogs/providers/ answered " + r.statusCode() + " "
                    + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    private HttpRequest.Builder authorized(String pathAndQuery) {
        return HttpRequest.newBuilder(options.url().resolve(pathAndQuery)).header("Authorization", "Bearer " + token);
    }

    private void report(ServerSampler sampler, long elapsedNanos, int stillRunning) {
        double seconds = elapsedNanos / 1e9;
        out.println();
        out.printf("=== mixed load report: %.1f s wall (load %d s + in-flight tail) ===%n", seconds,
                options.duration().toSeconds());
        unavailable.forEach((k, v) -> out.println("NOT AVAILABLE: " + k + ": " + v + " (that part was skipped)"));
        if (stillRunning > 0) {
            out.println("WARNING: " + stillRunning + " loop(s) still running at the hard stop (grace "
                    + options.grace().toSeconds() + " s): their requests are not counted");
        }
        recorder.print(out);
        out.println("list/detail ticks skipped (in-flight bound reached): " + listSkipped.sum());
        exportTotals.forEach((format, t) -> out.printf(
                "export %-4s: %d completed, %d rows, %d lines, %.1f MB; per export %.0f rows/s, %.1f MB/s (mean)%n",
                format, t.count.sum(), t.rows.sum(), t.lines.sum(), t.bytes.sum() / 1048576.0,
                t.rows.sum() / (t.nanos.sum() / 1e9), t.bytes.sum() / 1048576.0 / (t.nanos.sum() / 1e9)));
        if (uploadNanos.sum() > 0) {
            out.printf("uploads: %d MB stored in %d request-seconds: %.1f MB/s per upload stream, %.1f MB/s aggregate "
                            + "over the run; %d upload(s) not stored%n", uploadBytes.sum() >> 20,
                    Math.round(uploadNanos.sum() / 1e9), uploadBytes.sum() / 1048576.0 / (uploadNanos.sum() / 1e9),
                    uploadBytes.sum() / 1048576.0 / seconds, uploadFileErrors.sum());
        } else {
            out.println("uploads: none stored; " + uploadFileErrors.sum() + " upload(s) not stored");
        }
        sampler.print(out);
        long fiveXx = recorder.total(k -> k.matches(".* 5\\d\\d") && !k.endsWith(" 503"));
        long busy = recorder.total(k -> k.endsWith(" 503"));
        long ioErrors = recorder.total(k -> k.endsWith(" io-error"));
        long[] lists = recorder.sortedOf("list-");
        if (lists.length > 0) {
            // light work under the heavy load: what the lanes are for; memory-budget.sh can gate on list_p99_ms
            out.printf("RESULT list_requests=%d list_p50_ms=%.1f list_p99_ms=%.1f%n", lists.length,
                    Recorder.pct(lists, 50) / 1e6, Recorder.pct(lists, 99) / 1e6);
        }
        long[] searches = recorder.sortedOf("search-");
        if (searches.length > 0) {
            // reported beside the lists, not gated: a substring search's exact count is a scan of every live row,
            // recounted after each write (the count cache is exact), whatever the lanes do
            out.printf("RESULT search_requests=%d search_p50_ms=%.1f search_p99_ms=%.1f%n", searches.length,
                    Recorder.pct(searches, 50) / 1e6, Recorder.pct(searches, 99) / 1e6);
        }
        out.printf("RESULT duration_s=%.0f server_errors_5xx_non503=%d busy_503=%d io_errors=%d peak_rss_kb=%d "
                        + "steady_rss_kb=%d vmhwm_kb=%d statuses=%s%n", seconds, fiveXx, busy, ioErrors,
                sampler.peakRssKb(), sampler.steadyRssKb(), sampler.hwmKb(),
                sampler.statuses().toString().replace(" ", ""));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static final class ExportTotals {
        final LongAdder count = new LongAdder();
        final LongAdder rows = new LongAdder();
        final LongAdder lines = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder nanos = new LongAdder();

        void add(long r, long l, long b, long n) {
            count.increment();
            rows.add(r);
            lines.add(l);
            bytes.add(b);
            nanos.add(n);
        }
    }

}
