package io.nextops.server.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.server.TestServer;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution built by this {@code mvn verify} ({@code target/nextops-server-<version>/}), run as a real process
 * from another working directory: the launcher derives the JVM options from {@code MEMORY_BUDGET_MB}, prints them and
 * {@code JAVA_OPTS} on stderr, starts the server with a heap that fits; {@code check-memory} exits 0 / 1 / 2 / 3 for
 * GOOD / WARNING / CRITICAL / unreachable; a plain {@code java -jar} without options logs the heap WARN.
 */
class LauncherIT {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    @TempDir
    Path work;

    @Test
    void launcherStartsTheServerSizedFromTheBudgetAndCheckMemoryExitsByStatus() throws Exception {
        Path launcher = launcher();
        TestDatabase db = SharedPostgres.newDatabase("launcher");
        Map<String, String> env = env(db);
        env.put("MEMORY_BUDGET_MB", "192");
        env.put("JAVA_OPTS", "-Dnextops.launcher.test=yes");
        Running server = start(List.of(launcher.toString(), "serve"), env, "good");
        try {
            String log = Files.readString(server.log);
            assertThat(log).contains("nextops-server: memory budget 192 MB (configured)")
                    .contains("-Xmx72m").contains("-XX:+UseSerialGC").contains("-XX:MaxDirectMemorySize=24m")
                    .contains("MALLOC_ARENA_MAX=2")
                    .contains("JAVA_OPTS (last, so they win): -Dnextops.launcher.test=yes")
                    .doesNotContain("heap may grow");
            assertThat(memoryReport(server.port)).contains("\"fits\":true").contains("\"budgetMb\":192");
            // GOOD or EXCELLENT (an idle server uses about 110 MB of 192)
            assertThat(checkMemory(launcher, "http://127.0.0.1:" + server.port)).isZero();
        } finally {
            server.stop();
        }
        // the same server with bands that put its RSS into WARNING, then CRITICAL
        assertThat(statusExit(launcher, db, "absolute:1,2,100000")).isEqualTo(1);
        assertThat(statusExit(launcher, db, "absolute:1,2,3")).isEqualTo(2);
        // nothing listening
        assertThat(checkMemory(launcher, "http://127.0.0.1:1")).isEqualTo(3);
    }

    @Test
    void plainJavaJarWithoutOptionsWarnsThatTheHeapDoesNotFitTheBudget() throws Exception {
        long ramBytes = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        // the JVM's default heap is a quarter of the RAM: on a machine under ~450 MB it would fit 256 MB's 96 MB heap
        assumeTrue(ramBytes / 4 > (120L << 20), "machine too small for an oversized default heap");
        Path jar = Path.of("target", "nextops-server.jar").toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "target/nextops-server.jar not built");
        Map<String, String> env = env(SharedPostgres.newDatabase("plainjar"));
        env.put("MEMORY_BUDGET_MB", "256");
        Running server = start(List.of(java(), "-jar", jar.toString(), "serve"), env, "plain");
        try {
            String log = Files.readString(server.log);
            Matcher warn = Pattern.compile("(?m)^.*WARN.*memory budget is 256 MB \\(MEMORY_BUDGET_MB\\) but this JVM's "
                    + "heap may grow to (\\d+) MB.*$").matcher(log);
            assertThat(warn.find()).as(log).isTrue();
            assertThat(Long.parseLong(warn.group(1))).isGreaterThan(108);
            String maxHeapMb = warn.group(1);
            assertThat(warn.group()).contains("bin/nextops-server serve").contains("-Xmx96m");
            assertThat(warn.find()).as("one WARN only").isFalse();
            String report = memoryReport(server.port);
            assertThat(report).contains("\"fits\":false").contains("\"maxHeapMb\":" + maxHeapMb);
        } finally {
            server.stop();
        }
    }

    private int statusExit(Path launcher, TestDatabase db, String thresholds) throws Exception {
        Map<String, String> env = env(db);
        env.put("MEMORY_THRESHOLDS", thresholds);
        Running server = start(List.of(launcher.toString()), env, thresholds.replaceAll("\\W", "_"));
        try {
            return checkMemory(launcher, "http://127.0.0.1:" + server.port);
        } finally {
            server.stop();
        }
    }

    private int checkMemory(Path launcher, String url) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "check-memory", "--url", url)
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JAVA_OPTS");
        Path out = work.resolve("check-" + System.nanoTime() + ".txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("check-memory finished").isTrue();
        System.out.println("check-memory " + url + " -> exit " + p.exitValue());
        return p.exitValue();
    }

    private Map<String, String> env(TestDatabase db) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("LOG_FORMAT", "text");
        env.put("ACCESS_LOG", "false");
        env.put("DATABASE_URL", db.postgresUrl());
        env.put("JWT_SECRET", TestServer.JWT_SECRET);
        env.put("NEXTOPS_ADMIN_PASSWORD", "launcher-password");
        env.put("PASSWORD_HASH_ITERATIONS", "1000");
        env.put("NEXTOPS_DATA_DIR", Files.createDirectories(work.resolve("data")).toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    /** Started from {@code work}, another working directory than the distribution's. */
    private Running start(List<String> command, Map<String, String> env, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().remove("MEMORY_BUDGET_MB");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Path log = work.resolve(name + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return new Running(p, Integer.parseInt(m.group(1)), log);
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("server did not print its port: " + Files.readString(log));
    }

    private static String memoryReport(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health/memory?history=false")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().replace(" ", "");
    }

    private static Path launcher() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(target)) {
            s.filter(d -> d.getFileName().toString().startsWith("nextops-server-") && Files.isDirectory(d))
                    .map(d -> d.resolve("bin/nextops-server")).filter(Files::isExecutable).forEach(found::add);
        }
        assumeTrue(!found.isEmpty(), "distribution not built (mvn package)");
        return found.get(0);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Running(Process process, int port, Path log) {
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
