package io.nextops.server;

import io.nextops.web.Role;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.nextops.web.route.Access;
import io.nextops.web.route.Endpoint;
import io.nextops.web.route.Route;
import io.nextops.web.route.Work;
import jakarta.servlet.http.HttpServlet;
import java.util.function.Consumer;
import java.util.function.Function;
import io.nextops.memory.MemoryMonitor;
import org.eclipse.jetty.server.Server;

/** A real server on a free port over a fresh database of the shared embedded PostgreSQL. */
public final class TestServer implements AutoCloseable {
    /** The HS256 key of every test server (tests may sign their own tokens with it). */
    public static final String JWT_SECRET = "test-jwt-secret-of-at-least-32-bytes-0123456789";

    private final Server server;
    private final Database database;
    private final TestDatabase testDatabase;
    private final ServerConfig config;
    private final Map<Role, String> accessTokens = new EnumMap<>(Role.class);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Server server, Database database, TestDatabase testDatabase, ServerConfig config) {
        this.server = server;
        this.database = database;
        this.testDatabase = testDatabase;
        this.config = config;
    }

    public static TestServer start() {
        return start(Map.of(), s -> {});
    }

    /** Starts with {@code env} on top of test defaults; {@code beforeStart} may look at the unstarted server. */
    public static TestServer start(Map<String, String> env, Consumer<Server> beforeStart) {
        return start(env, List.of(), beforeStart, c -> MemoryMonitor.create(c.memory()));
    }

    /** Starts with {@code env} on top of test defaults and {@code routes} mounted beside the modules'. */
    public static TestServer start(Map<String, String> env, List<Route> routes) {
        return start(env, routes, s -> {}, c -> MemoryMonitor.create(c.memory()));
    }

    /** As {@link #start(Map, Consumer)} with the memory monitor made by {@code memory} (e.g. over a fake probe). */
    public static TestServer start(Map<String, String> env, Consumer<Server> beforeStart,
                                   Function<ServerConfig, MemoryMonitor> memory) {
        return start(env, List.of(), beforeStart, memory);
    }

    /** The general form: extra {@code routes}, a look at the unstarted server, and the memory monitor's factory. */
    public static TestServer start(Map<String, String> env, List<Route> routes, Consumer<Server> beforeStart,
                                   Function<ServerConfig, MemoryMonitor> memory) {
        return start(SharedPostgres.newDatabase("server"), env, routes, beforeStart, memory);
    }

    /**
     * Starts on {@code db}, which another test server may use too: several instances on one database, as behind a
     * load balancer.
     */
    public static TestServer start(TestDatabase db, Map<String, String> env) {
        return start(db, env, List.of(), s -> {}, c -> MemoryMonitor.create(c.memory()));
    }

    private static TestServer start(TestDatabase db, Map<String, String> env, List<Route> routes,
                                    Consumer<Server> beforeStart, Function<ServerConfig, MemoryMonitor> memory) {
        Map<String, String> all = new HashMap<>();
        all.put("PORT", "0");
        all.put("HOST", "127.0.0.1");
        all.put("DATABASE_URL", db.postgresUrl());
        all.put("ACCESS_LOG", "false");
        all.put("JWT_SECRET", JWT_SECRET);
        // the fewest PBKDF2 rounds the config accepts: logins in tests take well under a millisecond
        all.put("PASSWORD_HASH_ITERATIONS", "1000");
        all.putAll(env);
        ServerConfig config = ServerConfig.fromEnv(all);
        Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
        Server server = NextOpsServer.create(config, database, memory.apply(config), routes);
        beforeStart.accept(server);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
        return new TestServer(server, database, db, config);
    }

    /** A GET route at {@code template} served by {@code servlet}, for probes that tests mount. */
    public static Route route(String template, HttpServlet servlet, Access access, Work work) {
        String id = "test_" + template.replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return Route.get(template, id, Endpoint.ofServlet(servlet)).tag("test").access(access).work(work).build();
    }

    public Server server() {
        return server;
    }

    public Database database() {
        return database;
    }

    public TestDatabase testDatabase() {
        return testDatabase;
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * An access token of a user with {@code role}: on first use per role a user {@code test-<role>} is created in
     * the database and logged in through {@code POST /api/token/}; the token is kept for this server.
     */
    public synchronized String accessToken(Role role) {
        return accessTokens.computeIfAbsent(role, r -> TestCallers.logIn(this, r));
    }

    public int port() {
        return NextOpsServer.port(server);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public HttpClient client() {
        return client;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    /** A request builder for {@code pathAndQuery} authenticated as a user with {@code role}. */
    public HttpRequest.Builder request(String pathAndQuery, Role role) {
        return TestCallers.authenticate(this, HttpRequest.newBuilder(uri(pathAndQuery)), role);
    }

    /** GET as {@code role}. */
    public HttpResponse<String> get(String pathAndQuery, Role role) {
        return send(request(pathAndQuery, role).GET().build());
    }

    /** {@code method} with a JSON body (null for none) as {@code role}. */
    public HttpResponse<String> send(String method, String pathAndQuery, Role role, String json) {
        HttpRequest.Builder b = request(pathAndQuery, role);
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
