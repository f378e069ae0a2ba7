package io.nextops.server.auth;

import static io.nextops.server.auth.AuthHttp.createUser;
import static io.nextops.server.auth.AuthHttp.get;
import static io.nextops.server.auth.AuthHttp.jdbi;
import static io.nextops.server.auth.AuthHttp.json;
import static io.nextops.server.auth.AuthHttp.login;
import static io.nextops.server.auth.AuthHttp.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token endpoints and the bearer check, through a real server. */
class TokenEndpointsIT {
    static final String PATH = CallerEchoServlet.PATH;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CallerEchoServlet.routes());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/token/", "/api/token"})
    void loginAnswersAnAccessAndARefreshTokenThatAuthenticate(String path) {
        createUser(server, "login-" + path.length(), Role.FINANZAS, "pw-login-123");
        HttpResponse<String> r = AuthHttp.postJson(server, path,
                "{\"username\":\"login-" + path.length() + "\",\"password\":\"pw-login-123\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(r);
        assertThat(JWT.decode(body.get("access").asText()).getClaim("token_type").asString()).isEqualTo("access");
        assertThat(JWT.decode(body.get("refresh").asText()).getClaim("token_type").asString()).isEqualTo("refresh");

        HttpResponse<String> me = get(server, PATH, "Bearer " + body.get("access").asText());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("role").asText()).isEqualTo("finanzas");
        assertThat(json(me).get("username").asText()).isEqualTo("login-" + path.length());
    }

    @Test
    void loginRecordsLastLogin() {
        long id = createUser(server, "last-login", Role.OPERATIVO, "pw-last-login");
        assertThat(login(server, "last-login", "pw-last-login").statusCode()).isEqualTo(200);
        Instant lastLogin = jdbi(server).withHandle(h -> h.createQuery("SELECT last_login FROM accounts_user WHERE id = :id")
                .bind("id", id).mapTo(Instant.class).one());
        assertThat(lastLogin).isNotNull();
    }

    @Test
    void importedDjangoHashLogsInAndAWeakOneIsUpgraded() {
        jdbi(server).useHandle(h -> h.execute("INSERT INTO accounts_user (username, password, role, is_active) VALUES "
                + "('imported', 'pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=', 'admin', true), "
                + "('weak', ?, 'operativo', true)", PasswordHasher.encode("weak-password", "weaksalt", 10)));
        assertThat(login(server, "imported", "lètmein").statusCode()).isEqualTo(200);
        assertThat(login(server, "weak", "weak-password").statusCode()).isEqualTo(200);
        String stored = jdbi(server).withHandle(h -> h.createQuery("SELECT password FROM accounts_user WHERE username = 'weak'")
                .mapTo(String.class).one());
        assertThat(stored).startsWith("pbkdf2_sha256$1000$");
        assertThat(login(server, "weak", "weak-password").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordUnknownUserAndInactiveUserGetTheSameAnswer() {
        createUser(server, "same-answer", Role.ADMIN, "pw-same-answer");
        long inactive = createUser(server, "same-inactive", Role.ADMIN, "pw-same-inactive");
        jdbi(server).useHandle(h -> h.execute("UPDATE accounts_user SET is_active = false WHERE id = ?", inactive));

        HttpResponse<String> wrong = login(server, "same-answer", "not-the-password");
        HttpResponse<String> unknown = login(server, "nobody-by-this-name", "not-the-password");
        HttpResponse<String> off = login(server, "same-inactive", "pw-same-inactive");
        for (HttpResponse<String> r : java.util.List.of(wrong, unknown, off)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(wrong.body());
            assertThat(r.headers().map().keySet()).isEqualTo(wrong.headers().map().keySet());
        }
        assertThat(json(wrong).get("code").asText()).isEqualTo("no_active_account");
        assertThat(json(wrong).get("detail").asText()).isEqualTo("No active account found with the given credentials");
    }

    @Test
    void aUsernameWithANulCharacterIsAWrongLoginNotAServerError() {
        // PostgreSQL refuses NUL in text; the lookup must not reach it
        HttpResponse<String> r = AuthHttp.postJson(server, "/api/token/", "{\"username\":\"ad\\u0000min\",\"password\":\"x-password\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("code").asText()).isEqualTo("no_active_account");
    }

    @Test
    void missingFieldsAre400NamingEachField() {
        HttpResponse<String> r = AuthHttp.postJson(server, "/api/token/", "{\"password\":\"\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").toString()).contains("\"field\":\"username\"").contains("\"field\":\"password\"");
        assertThat(AuthHttp.postJson(server, "/api/token/refresh/", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void tokenEndpointsAcceptOnlyPost() {
        HttpResponse<String> r = get(server, "/api/token/", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(json(r).get("code").asText()).isEqualTo("method_not_allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/token/refresh/", "/api/token/refresh"})
    void refreshRotatesAndTheOldRefreshTokenIsBlacklisted(String path) {
        createUser(server, "rotate" + path.length(), Role.OPERATIVO, "pw-rotate-123");
        JsonNode first = json(login(server, "rotate" + path.length(), "pw-rotate-123"));
        String oldRefresh = first.get("refresh").asText();

        HttpResponse<String> rotated = AuthHttp.postJson(server, path, "{\"refresh\":\"" + oldRefresh + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode second = json(rotated);
        assertThat(second.get("refresh").asText()).isNotEqualTo(oldRefresh);
        assertThat(get(server, PATH, "Bearer " + second.get("access").asText()).statusCode()).isEqualTo(200);

        HttpResponse<String> again = refresh(server, oldRefresh);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(json(again).get("code").asText()).isEqualTo("token_not_valid");
        assertThat(json(again).get("detail").asText()).isEqualTo("Token is blacklisted");

        assertThat(refresh(server, second.get("refresh").asText()).statusCode()).isEqualTo(200);
        long blacklisted = jdbi(server).withHandle(h -> h.createQuery("SELECT count(*) FROM auth_refresh_blacklist")
                .mapTo(Long.class).one());
        assertThat(blacklisted).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refreshIsRefusedForAnAccessTokenAndForAnInactiveUser() {
        long id = createUser(server, "refresh-off", Role.OPERATIVO, "pw-refresh-off");
        JsonNode pair = json(login(server, "refresh-off", "pw-refresh-off"));
        assertThat(refresh(server, pair.get("access").asText()).statusCode()).isEqualTo(401);
        jdbi(server).useHandle(h -> h.execute("UPDATE accounts_user SET is_active = false WHERE id = ?", id));
        HttpResponse<String> r = refresh(server, pair.get("refresh").asText());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("code").asText()).isEqualTo("user_inactive");
    }

    @Test
    void openPathsNeedNoToken() {
        assertThat(get(server, "/api/health/", null).statusCode()).isEqualTo(200);
        assertThat(get(server, "/api/health", null).statusCode()).isEqualTo(200);
        assertThat(get(server, "/api/health/", "Bearer garbage").statusCode()).isEqualTo(200);
    }

    @Test
    void aPathNoServletServesIs404WithOrWithoutAToken() {
        assertThat(get(server, "/api/nothing-here/", null).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/nothing-here/", Role.ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void missingCredentialsAre401WithTheEnvelopeAndABearerChallenge() {
        HttpResponse<String> r = get(server, PATH, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode body = json(r);
        assertThat(body.get("code").asText()).isEqualTo("not_authenticated");
        assertThat(body.get("message").asText()).isEqualTo("Authentication credentials were not provided.");
        assertThat(body.get("errors").isArray()).isTrue();
        assertThat(body.get("detail").asText()).isNotEmpty();
    }

    @Test
    void everyBadTokenIs401() {
        long id = createUser(server, "bad-tokens", Role.ADMIN, "pw-bad-tokens");
        JsonNode pair = json(login(server, "bad-tokens", "pw-bad-tokens"));
        String good = pair.get("access").asText();
        Algorithm ours = Algorithm.HMAC256(TestServer.JWT_SECRET.getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        String expired = JWT.create().withClaim("token_type", "access").withClaim("user_id", id).withJWTId("e".repeat(32))
                .withIssuedAt(now.minusSeconds(7200)).withExpiresAt(now.minusSeconds(3600)).sign(ours);
        String otherKey = JWT.create().withClaim("token_type", "access").withClaim("user_id", id).withJWTId("k".repeat(32))
                .withIssuedAt(now).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC256("some-other-key-that-is-32-bytes-long!!"));
        String payload = good.split("\\.")[1];
        String algNone = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        String hs384 = JWT.create().withClaim("token_type", "access").withClaim("user_id", id).withJWTId("h".repeat(32))
                .withIssuedAt(now).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC384(TestServer.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));

        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("malformed", "Bearer not.a.jwt");
        cases.put("garbage", "Bearer garbage");
        cases.put("no token after Bearer", "Bearer");
        cases.put("three parts", "Bearer " + good + " extra");
        cases.put("another scheme", "Basic " + b64("bad-tokens:pw-bad-tokens"));
        cases.put("expired", "Bearer " + expired);
        cases.put("another key", "Bearer " + otherKey);
        cases.put("alg none", "Bearer " + algNone);
        cases.put("alg HS384", "Bearer " + hs384);
        cases.put("refresh as access", "Bearer " + pair.get("refresh").asText());
        cases.forEach((name, header) -> {
            HttpResponse<String> r = get(server, PATH, header);
            assertThat(r.statusCode()).as(name).isEqualTo(401);
            assertThat(json(r).get("code").asText()).as(name).isIn("token_not_valid", "not_authenticated");
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(name).isPresent();
        });
        assertThat(get(server, PATH, "Bearer " + good).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensOfAnInactiveOrDeletedUserStopWorkingAtOnce() {
        long inactive = createUser(server, "goes-inactive", Role.ADMIN, "pw-goes-inactive");
        long deleted = createUser(server, "goes-away", Role.ADMIN, "pw-goes-away");
        String a = json(login(server, "goes-inactive", "pw-goes-inactive")).get("access").asText();
        String d = json(login(server, "goes-away", "pw-goes-away")).get("access").asText();
        assertThat(get(server, PATH, "Bearer " + a).statusCode()).isEqualTo(200);
        jdbi(server).useHandle(h -> {
            h.execute("UPDATE accounts_user SET is_active = false WHERE id = ?", inactive);
            h.execute("DELETE FROM accounts_user WHERE id = ?", deleted);
        });
        HttpResponse<String> r = get(server, PATH, "Bearer " + a);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("code").asText()).isEqualTo("user_inactive");
        HttpResponse<String> gone = get(server, PATH, "Bearer " + d);
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(json(gone).get("code").asText()).isEqualTo("user_not_found");
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequest() {
        long id = createUser(server, "changes-role", Role.ADMIN, "pw-changes-role");
        String token = json(login(server, "changes-role", "pw-changes-role")).get("access").asText();
        jdbi(server).useHandle(h -> h.execute("UPDATE accounts_user SET role = 'operativo' WHERE id = ?", id));
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri(PATH))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
