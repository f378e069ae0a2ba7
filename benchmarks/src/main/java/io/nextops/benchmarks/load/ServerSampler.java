package io.nextops.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Once a second: the server process's {@code VmRSS} from {@code /proc/<pid>/status} (when a pid is given) and the
 * {@code status} of {@code /health/memory}. At the end, {@code VmHWM} (the kernel's peak RSS). Bounded: one sample
 * per second of the run. Thread-safe (samples are taken on one thread and read after {@link #stop}).
 */
final class ServerSampler implements Runnable {
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Za-z_]+)\"");

    private final long pid;
    private final HttpClient client;
    private final URI memoryUri;
    private final List<long[]> rss = new ArrayList<>(); // {elapsed ms, kB}
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final long start = System.nanoTime();
    private volatile boolean running = true;
    private long lastHwmKb = -1;
    private final Thread thread;

    ServerSampler(long pid, HttpClient client, URI base) {
        this.pid = pid;
        this.client = client;
        this.memoryUri = base.resolve("/health/memory?history=false");
        this.thread = new Thread(this, "rss-sampler");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            long t0 = System.nanoTime();
            if (pid > 0) {
                long kb = procKb("VmRSS");
                if (kb >= 0) {
                    synchronized (this) {
                        rss.add(new long[] {(t0 - start) / 1_000_000, kb});
                    }
                }
            }
            String status = "unreachable";
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(memoryUri).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = STATUS.matcher(r.body());
                status = r.statusCode() == 200 && m.find() ? m.group(1) : "http-" + r.statusCode();
            } catch (IOException e) {
                // counted as unreachable
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                statuses.merge(status, 1, Integer::sum);
            }
            long sleep = 1000 - (System.nanoTime() - t0) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pid > 0) {
            lastHwmKb = procKb("VmHWM");
        }
    }

    /** Field {@code name} of {@code /proc/<pid>/status} in kB, or -1 (process gone). */
    long procKb(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    synchronized long peakRssKb() {
        return rss.stream().mapToLong(s -> s[1]).max().orElse(-1);
    }

    /** Median RSS over the second half of the run: the level the server settles at under the load. */
    synchronized long steadyRssKb() {
        if (rss.isEmpty()) {
            return -1;
        }
        long[] half = rss.subList(rss.size() / 2, rss.size()).stream().mapToLong(s -> s[1]).sorted().toArray();
        return half[half.length / 2];
    }

    synchronized void print(PrintStream out) {
        if (pid > 0) {
            long[] all = rss.stream().mapToLong(s -> s[1]).toArray();
            long first = all.length == 0 ? -1 : all[0];
            Arrays.sort(all);
            out.printf("server RSS (pid %d, %d samples): first %d MB, median %d MB, steady (median of 2nd half) %d MB, "
                    + "peak sampled %d MB, VmHWM %d MB%n", pid, all.length, mb(first),
                    mb(all.length == 0 ? -1 : all[all.length / 2]), mb(steadyRssKb()), mb(peakRssKb()), mb(lastHwmKb));
        } else {
            out.println("server RSS: not sampled (no --pid)");
        }
        out.println("/health/memory status samples: " + statuses);
    }

    synchronized Map<String, Integer> statuses() {
        return new TreeMap<>(statuses);
    }

    long hwmKb() {
        return lastHwmKb;
    }

    private static long mb(long kb) {
        return kb < 0 ? -1 : Math.round(kb / 1024.0);
    }
}
