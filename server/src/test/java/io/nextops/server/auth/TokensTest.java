package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.nextops.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
    static final byte[] SECRET = "unit-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    private final ManualClock clock = new ManualClock(Instant.now());
    private final Tokens tokens = new Tokens(SECRET, Duration.ofMinutes(60), Duration.ofDays(7), clock);

    @Test
    void issuesSimpleJwtClaims() {
        Tokens.Pair pair = tokens.issue(42);
        DecodedJWT access = JWT.decode(pair.access());
        DecodedJWT refresh = JWT.decode(pair.refresh());
        assertThat(access.getAlgorithm()).isEqualTo("HS256");
        assertThat(access.getClaim("token_type").asString()).isEqualTo("access");
        assertThat(refresh.getClaim("token_type").asString()).isEqualTo("refresh");
        assertThat(access.getClaim("user_id").asLong()).isEqualTo(42);
        assertThat(access.getId()).matches("[0-9a-f]{32}").isNotEqualTo(refresh.getId());
        assertThat(Duration.between(access.getIssuedAtAsInstant(), access.getExpiresAtAsInstant())).isEqualTo(Duration.ofMinutes(60));
        assertThat(Duration.between(refresh.getIssuedAtAsInstant(), refresh.getExpiresAtAsInstant())).isEqualTo(Duration.ofDays(7));
        assertThat(tokens.verifyAccess(pair.access())).isEqualTo(42);
        assertThat(tokens.verifyRefresh(pair.refresh()).userId()).isEqualTo(42);
        assertThat(pair.toString()).doesNotContain(pair.access());
    }

    @Test
    void rejectsAnExpiredAccessToken() {
        String access = tokens.issue(1).access();
        clock.advance(Duration.ofMinutes(60).plusSeconds(1));
        assertInvalid(() -> tokens.verifyAccess(access));
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        Tokens other = new Tokens("another-secret-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(60), Duration.ofDays(7), clock);
        assertInvalid(() -> tokens.verifyAccess(other.issue(1).access()));
    }

    @Test
    void rejectsAlgNoneAndOtherAlgorithms() {
        String payload = tokens.issue(1).access().split("\\.")[1];
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        assertInvalid(() -> tokens.verifyAccess(none));
        String hs512 = JWT.create().withClaim("token_type", "access").withClaim("user_id", 1L).withJWTId("a".repeat(32))
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC512(SECRET));
        assertInvalid(() -> tokens.verifyAccess(hs512));
    }

    @Test
    void rejectsARefreshTokenUsedAsAccessAndTheOtherWayRound() {
        Tokens.Pair pair = tokens.issue(1);
        assertInvalid(() -> tokens.verifyAccess(pair.refresh()));
        assertInvalid(() -> tokens.verifyRefresh(pair.access()));
    }

    @Test
    void rejectsMalformedAndTamperedTokens() {
        assertInvalid(() -> tokens.verifyAccess("not-a-jwt"));
        assertInvalid(() -> tokens.verifyAccess(""));
        String[] parts = tokens.issue(1).access().split("\\.");
        String tampered = parts[0] + "." + b64("{\"token_type\":\"access\",\"user_id\":2,\"jti\":\"x\",\"exp\":9999999999}")
                + "." + parts[2];
        assertInvalid(() -> tokens.verifyAccess(tampered));
    }

    @Test
    void rejectsTokensMissingARequiredClaim() {
        String noUser = JWT.create().withClaim("token_type", "access").withJWTId("a".repeat(32))
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        String noExp = JWT.create().withClaim("token_type", "access").withJWTId("a".repeat(32))
                .withClaim("user_id", 1L).sign(Algorithm.HMAC256(SECRET));
        assertInvalid(() -> tokens.verifyAccess(noUser));
        assertInvalid(() -> tokens.verifyAccess(noExp));
    }

    @Test
    void acceptsAUserIdWrittenAsAString() {
        String token = JWT.create().withClaim("token_type", "access").withClaim("user_id", "7").withJWTId("b".repeat(32))
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        assertThat(tokens.verifyAccess(token)).isEqualTo(7);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(ApiException.Kind.NOT_AUTHENTICATED);
            assertThat(e.code()).isEqualTo("token_not_valid");
        });
    }
}
