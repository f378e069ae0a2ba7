package io.nextops.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.nextops.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Issues and checks the JWTs of the original's SimpleJWT setup: HS256, claims {@code token_type} ({@code access} or
 * {@code refresh}), {@code exp}, {@code iat}, {@code jti} (32 hex digits) and {@code user_id}. Signing and verification
 * are java-jwt's; a token whose header names any algorithm but HS256 (including {@code none}) fails verification.
 * Thread-safe.
 */
final class Tokens {
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    /** A pair as {@code POST /api/token/} answers it. */
    record Pair(String access, String refresh) {
        @Override
        public String toString() {
            return "Pair[***]";
        }
    }

    /** What a valid refresh token says. */
    record RefreshClaims(String jti, long userId, Instant expiresAt) {}

    private final Algorithm algorithm;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;
    private final JWTVerifier accessVerifier;
    private final JWTVerifier refreshVerifier;

    Tokens(byte[] secret, Duration accessLifetime, Duration refreshLifetime, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
        this.accessVerifier = verifier(ACCESS);
        this.refreshVerifier = verifier(REFRESH);
    }

    private JWTVerifier verifier(String type) {
        return ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withClaim("token_type", type)
                .withClaimPresence("exp")
                .withClaimPresence("jti")
                .withClaimPresence("user_id"))
                .build(clock);
    }

    Pair issue(long userId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new Pair(sign(ACCESS, userId, now, accessLifetime), sign(REFRESH, userId, now, refreshLifetime));
    }

    private String sign(String type, long userId, Instant now, Duration lifetime) {
        return JWT.create()
                .withClaim("token_type", type)
                .withExpiresAt(now.plus(lifetime))
                .withIssuedAt(now)
                .withJWTId(UUID.randomUUID().toString().replace("-", ""))
                .withClaim("user_id", userId)
                .sign(algorithm);
    }

    /** The user id of a valid access token; 401 otherwise. */
    long verifyAccess(String token) {
        DecodedJWT jwt = verify(accessVerifier, token, "Given token not valid for any token type");
        return userId(jwt, "Given token not valid for any token type");
    }

    /** The claims of a valid refresh token (signature, type and expiry checked; not the blacklist); 401 otherwise. */
    RefreshClaims verifyRefresh(String token) {
        DecodedJWT jwt = verify(refreshVerifier, token, "Token is invalid or expired");
        return new RefreshClaims(jwt.getId(), userId(jwt, "Token is invalid or expired"), jwt.getExpiresAtAsInstant());
    }

    private static DecodedJWT verify(JWTVerifier verifier, String token, String message) {
        try {
            return verifier.verify(token);
        } catch (JWTVerificationException e) {
            // the library's message may quote claims; never the token itself, but keep it out of the answer anyway
            throw invalid(message);
        }
    }

    // SimpleJWT wrote user_id as a number; some versions as a string. Accept both.
    private static long userId(DecodedJWT jwt, String message) {
        Claim claim = jwt.getClaim("user_id");
        Long id = claim.asLong();
        if (id == null && claim.asString() != null) {
            try {
                id = Long.parseLong(claim.asString());
            } catch (NumberFormatException e) {
                id = null;
            }
        }
        if (id == null || jwt.getId() == null || jwt.getId().isEmpty() || jwt.getId().length() > 64) {
            throw invalid(message);
        }
        return id;
    }

    static ApiException invalid(String message) {
        return new ApiException(ApiException.Kind.NOT_AUTHENTICATED, "token_not_valid", message);
    }
}
