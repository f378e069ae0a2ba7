package io.nextops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void originalHealthPathAnswers200WithJson() {
        HttpResponse<String> r = server.get("/api/health/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).contains("\"status\":\"ok\"");
    }

    @Test
    void readinessChecksTheDatabase() {
        HttpResponse<String> r = server.get("/health/ready");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"database\":\"ok\"");
    }

    @Test
    void unknownPathIsA404InTheErrorEnvelope() {
        HttpResponse<String> r = server.get("/api/nothing-here/");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"code\":\"not_found\"").contains("\"errors\":[]").doesNotContain("<html");
    }

    @Test
    void serverVersionIsNotAdvertised() {
        assertThat(server.get("/api/health/").headers().firstValue("Server")).isEmpty();
    }
}
