package io.nextops.server;

import io.nextops.ots.api.Role;
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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;

/** A real server on a free port over a fresh database of the shared embedded PostgreSQL. */
public final class TestServer implements AutoCloseable {
    private final Server server;
    private final Database database;
    private final TestDatabase testDatabase;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Server server, Database database, TestDatabase testDatabase) {
        this.server = server;
        this.database = database;
        this.testDatabase = testDatabase;
    }

    public static TestServer start() {
        return start(Map.of(), s -> {});
    }

    /** Starts with {@code env} on top of test defaults; {@code beforeStart} may add handlers or servlets. */
    public static TestServer start(Map<String, String> env, Consumer<Server> beforeStart) {
        TestDatabase db = SharedPostgres.newDatabase("server");
        Map<String, String> all = new HashMap<>();
        all.put("PORT", "0");
        all.put("HOST", "127.0.0.1");
        all.put("DATABASE_URL", db.postgresUrl());
        all.put("ACCESS_LOG", "false");
        all.putAll(env);
        ServerConfig config = ServerConfig.fromEnv(all);
        Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS);
        Server server = NextOpsServer.create(config, database);
        TestCallers.install(server);
        beforeStart.accept(server);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
        return new TestServer(server, database, db);
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
