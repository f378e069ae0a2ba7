package io.nextops.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check-memory [--url URL] [--json]}: asks a running server for its memory report and prints it for a person
 * (or as JSON). Exit status: 0 EXCELLENT or GOOD, 1 WARNING, 2 CRITICAL, 3 unreachable or no valid answer, so that it
 * serves as a container health check. Sends {@code METRICS_TOKEN} as a bearer token when it is set.
 */
@Command(name = "check-memory", description = {"Report a running server's memory (a container health check).",
        "Sends METRICS_TOKEN as a bearer token when it is set.",
        "Exit status: 0 EXCELLENT or GOOD, 1 WARNING, 2 CRITICAL (or bad usage), 3 unreachable or no valid answer."})
final class CheckMemoryCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Option(names = "--url", paramLabel = "URL", description = "the server (default: http://localhost:$PORT)")
    private String url;

    @Option(names = "--json", description = "print the report as JSON")
    private boolean json;

    CheckMemoryCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        Map<String, String> env = invocation.env();
        PrintStream out = invocation.out();
        PrintStream err = invocation.err();
        String url = this.url;
        if (url == null) {
            url = "http://localhost:" + env.getOrDefault("PORT", "8000");
        }
        JsonNode report;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(url) + "/health/memory?history=false"))
                    .timeout(Duration.ofSeconds(10));
            String token = env.get("METRICS_TOKEN");
            if (token != null && !token.isBlank()) {
                request.header("Authorization", "Bearer " + token.trim());
            }
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.println("check-memory: " + url + " answered " + r.statusCode());
                return 3;
            }
            report = Json.MAPPER.readTree(r.body());
        } catch (IOException | IllegalArgumentException e) {
            err.println("check-memory: cannot reach " + url + " (" + e.getMessage() + ")");
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
        String status = report.path("status").asText("");
        if (json) {
            out.println(report.toPrettyString());
        } else {
            print(report, out);
        }
        return switch (status) {
            case "EXCELLENT", "GOOD" -> 0;
            case "WARNING" -> 1;
            case "CRITICAL" -> 2;
            default -> 3;
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void print(JsonNode r, PrintStream out) {
        JsonNode s = r.path("snapshot");
        out.println("NextOps Lean memory report");
        out.println("==========================");
        out.printf("status:            %s%n", r.path("status").asText());
        JsonNode budget = r.path("budget");
        out.printf("budget:            %s (%s)%n", mb(budget.path("mb")), budget.path("source").asText("none"));
        out.println();
        out.println("process");
        line(out, s.path("process"), "rss", "rssMb");
        line(out, s.path("process"), "virtual", "virtualMb");
        line(out, s, "threads", "threadCount");
        out.println("jvm");
        JsonNode heap = s.path("heap");
        out.printf("  %-18s %s used / %s committed / %s max%n", "heap", mb(heap.path("usedMb")),
                mb(heap.path("committedMb")), mb(heap.path("maxMb")));
        printSection(out, "non-heap", s.path("nonHeap"));
        printSection(out, "buffers", s.path("buffers"));
        printSection(out, "gc", s.path("gc"));
        out.println("system / container");
        printSection(out, "system", s.path("system"));
        printSection(out, "container", s.path("container"));
        out.println();
        out.println("recommendations");
        if (r.path("recommendations").isEmpty()) {
            out.println("  none");
        }
        r.path("recommendations").forEach(x -> out.println("  - " + x.asText()));
        out.println();
        out.println("effective settings");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("settings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.printf("  %-18s %s%n", e.getKey(), e.getValue().asText());
        }
    }

    private static void line(PrintStream out, JsonNode node, String label, String field) {
        JsonNode v = node.path(field);
        out.printf("  %-18s %s%n", label, field.endsWith("Mb") ? mb(v) : v.asText("?"));
    }

    private static void printSection(PrintStream out, String label, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            out.printf("  %-18s %s%n", label, node.asText());
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith("Bytes")) {
                continue; // the MB twin is shown
            }
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                    .append(e.getKey().endsWith("Mb") ? mb(e.getValue()) : e.getValue().asText());
        }
        out.printf("  %-18s %s%n", label, b);
    }

    private static String mb(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? "unknown" : v.asText() + " MB";
    }
}
