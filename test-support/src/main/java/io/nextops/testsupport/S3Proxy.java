package io.nextops.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible server for tests: s3proxy (filesystem backend, AWS v2/v4 signatures) in a separate JVM on a
 * free port, so that its bundled Jetty never meets ours on one classpath. One server per test JVM, started by the
 * first test class that registers the extension and stopped after the last test (or when the JVM exits). The jar is
 * the {@code s3proxy} artifact that the module's build copies, named by the system property {@value #JAR_PROPERTY}.
 *
 * <pre>{@code
 * @RegisterExtension static final S3Proxy S3 = new S3Proxy();
 * ... S3.endpoint(), S3.accessKeyId(), S3.secretAccessKey(); buckets are directories under S3.baseDir()
 * }</pre>
 *
 * <p>Thread-safety: thread-safe once started.
 */
public final class S3Proxy implements BeforeAllCallback {
    public static final String JAR_PROPERTY = "nextops.s3proxy.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
    }

    public URI endpoint() {
        return started().endpoint;
    }

    public String accessKeyId() {
        return Running.IDENTITY;
    }

    public String secretAccessKey() {
        return Running.CREDENTIAL;
    }

    /** The filesystem backend's root: a bucket is a directory, an object a file under it. */
    public Path baseDir() {
        return started().dir.resolve("data");
    }

    /** Regular files under {@code bucket}'s directory (objects, and any multipart leftovers), relative to it. */
    public List<String> filesIn(String bucket) {
        Path root = baseDir().resolve(bucket);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Running started() {
        if (running == null) {
            throw new IllegalStateException("S3Proxy is started by its beforeAll: register it with @RegisterExtension "
                    + "on a static field");
        }
        return running;
    }

    /** The process; closed (stopped) by JUnit with the root store, or by a shutdown hook. */
    private static final class Running implements AutoCloseable {
        static final String IDENTITY = "test-access-key";
        static final String CREDENTIAL = "test-secret-key-0123456789";

        final Process process;
        final Path dir;
        final URI endpoint;

        private Running(Process process, Path dir, URI endpoint) {
            this.process = process;
            this.dir = dir;
            this.endpoint = endpoint;
        }

        static Running start() {
            String jar = System.getProperty(JAR_PROPERTY);
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("no s3proxy jar at " + JAR_PROPERTY + "=" + jar
                        + " (the module's maven-dependency-plugin copies it before the integration tests)");
            }
            try {
                Path dir = Files.createTempDirectory("s3proxy");
                Files.createDirectories(dir.resolve("data"));
                int port = freePort();
                URI endpoint = URI.create("http://127.0.0.1:" + port);
                Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + IDENTITY,
                        "s3proxy.credential=" + CREDENTIAL,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + dir.resolve("data"), ""), StandardCharsets.UTF_8);
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar,
                        "--properties", dir.resolve("s3proxy.conf").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
                Running running = new Running(process, dir, endpoint);
                Runtime.getRuntime().addShutdownHook(new Thread(running::close, "s3proxy-stop"));
                running.awaitAnswer();
                return running;
            } catch (IOException e) {
                throw new UncheckedIOException("s3proxy did not start", e);
            }
        }

        /** Any HTTP answer (403 to an anonymous request) means it is serving. */
        private void awaitAnswer() throws IOException {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ": " + log());
                }
                try {
                    HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
                    c.setConnectTimeout(500);
                    c.setReadTimeout(2000);
                    int status = c.getResponseCode();
                    c.disconnect();
                    if (status > 0) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            close();
            throw new IllegalStateException("s3proxy did not answer within " + START_TIMEOUT + ": " + log());
        }

        private String log() {
            try {
                String text = Files.readString(dir.resolve("s3proxy.log"), StandardCharsets.UTF_8);
                return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        @Override
        public synchronized void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // best effort: a temp dir
            }
        }
    }
}
