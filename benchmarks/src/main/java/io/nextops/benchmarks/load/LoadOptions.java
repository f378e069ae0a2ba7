package io.nextops.benchmarks.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@link MixedLoad}, checked together; every problem names its option. Immutable.
 *
 * @param url server base URL (loopback only)
 * @param user user to log in as (needs the upload permission: admin or jefe_operaciones)
 * @param password its password ({@code --password}, else {@code NEXTOPS_ADMIN_PASSWORD})
 * @param duration how long new work is started
 * @param grace how long in-flight work may run after that before the driver gives up and reports
 * @param pid server process id whose RSS is sampled, or 0
 * @param csvExporters concurrent CSV export loops
 * @param xlsxExporters concurrent XLSX export loops
 * @param uploaders concurrent upload loops
 * @param uploadMinBytes smallest generated upload
 * @param uploadMaxBytes largest generated upload
 * @param maxExports bound on exports started in the whole run
 * @param maxUploads bound on uploads started in the whole run
 * @param listPerSecond list and detail requests started per second
 * @param maxListInFlight list and detail requests in flight at most (ticks beyond it are skipped and counted)
 * @param providerId provider for uploads, or 0 to create one
 * @param ackLog file to which every upload's outcome is appended (one line each, see {@link MixedLoad}), or null
 */
record LoadOptions(URI url, String user, String password, Duration duration, Duration grace, long pid,
                   int csvExporters, int xlsxExporters, int uploaders, long uploadMinBytes, long uploadMaxBytes,
                   int maxExports, int maxUploads, int listPerSecond, int maxListInFlight, long providerId,
                   Path ackLog) {

    static final String USAGE = """
            usage: java -cp benchmarks.jar io.nextops.benchmarks.load.MixedLoad --password P [options]
              --url URL             server (loopback only)          [http://localhost:8000]
              --user NAME           user with upload rights         [admin]
              --password P          its password                    [$NEXTOPS_ADMIN_PASSWORD]
              --duration S          seconds of load                 [120]
              --grace S             seconds in-flight work may take after that [240]
              --pid PID             server pid: sample VmRSS/VmHWM  [none]
              --csv-exporters N     concurrent CSV export loops     [2]
              --xlsx-exporters N    concurrent XLSX export loops    [2]
              --uploaders N         concurrent upload loops         [2]
              --upload-min-mb N     smallest upload                 [50]
              --upload-max-mb N     largest upload                  [200]
              --max-exports N       exports started at most         [40]
              --max-uploads N       uploads started at most         [8]
              --list-rps N          list/detail requests per second [10]
              --list-in-flight N    list/detail requests in flight  [8]
              --provider-id ID      provider for uploads            [create one]
              --ack-log FILE        append each upload's outcome (ACK/DUP/FAIL lines) [none]
            """;

    static LoadOptions parse(String[] args, String envPassword) {
        List<String> problems = new ArrayList<>();
        String url = "http://localhost:8000";
        String user = "admin";
        String password = envPassword;
        long duration = 120;
        long grace = 240;
        long pid = 0;
        long csv = 2;
        long xlsx = 2;
        long uploaders = 2;
        long minMb = 50;
        long maxMb = 200;
        long maxExports = 40;
        long maxUploads = 8;
        long rps = 10;
        long inFlight = 8;
        long providerId = 0;
        Path ackLog = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                problems.add(name + ": needs a value");
                break;
            }
            switch (name) {
                case "--url" -> url = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--duration" -> duration = number(name, value, 1, 86_400, problems);
                case "--grace" -> grace = number(name, value, 0, 86_400, problems);
                case "--pid" -> pid = number(name, value, 1, Integer.MAX_VALUE, problems);
                case "--csv-exporters" -> csv = number(name, value, 0, 64, problems);
                case "--xlsx-exporters" -> xlsx = number(name, value, 0, 64, problems);
                case "--uploaders" -> uploaders = number(name, value, 0, 64, problems);
                case "--upload-min-mb" -> minMb = number(name, value, 1, 10_000, problems);
                case "--upload-max-mb" -> maxMb = number(name, value, 1, 10_000, problems);
                case "--max-exports" -> maxExports = number(name, value, 0, 100_000, problems);
                case "--max-uploads" -> maxUploads = number(name, value, 0, 100_000, problems);
                case "--list-rps" -> rps = number(name, value, 0, 10_000, problems);
                case "--list-in-flight" -> inFlight = number(name, value, 1, 1_000, problems);
                case "--provider-id" -> providerId = number(name, value, 1, Long.MAX_VALUE, problems);
                case "--ack-log" -> ackLog = Path.of(value);
                default -> problems.add(name + ": unknown option");
            }
        }
        if (password == null || password.isEmpty()) {
            problems.add("--password: required (or set NEXTOPS_ADMIN_PASSWORD)");
        }
        if (minMb > maxMb) {
            problems.add("--upload-min-mb: must be <= --upload-max-mb, was " + minMb + " > " + maxMb);
        }
        URI uri = null;
        try {
            uri = URI.create(url);
            InetAddress address = InetAddress.getByName(uri.getHost());
            if (!address.isLoopbackAddress()) {
                problems.add("--url: loopback only, was " + url);
            }
        } catch (IllegalArgumentException | UnknownHostException | NullPointerException e) {
            problems.add("--url: not a usable URL, was \"" + url + "\"");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid options:\n  " + String.join("\n  ", problems) + "\n" + USAGE);
        }
        return new LoadOptions(uri, user, password, Duration.ofSeconds(duration), Duration.ofSeconds(grace), pid,
                (int) csv, (int) xlsx, (int) uploaders, minMb << 20, maxMb << 20, (int) maxExports, (int) maxUploads,
                (int) rps, (int) inFlight, providerId, ackLog);
    }

    private static long number(String name, String value, long min, long max, List<String> problems) {
        try {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + ": must be an integer between " + min + " and " + max + ", was \"" + value + "\"");
        return min;
    }
}
