package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1000);

    /**
     * Django's own test vector ({@code tests/auth_tests/test_hashers.py}, Django 3.2):
     * {@code make_password('lètmein', 'seasalt', 'pbkdf2_sha256')} with 260000 iterations. Computed independently with
     * {@code python3 -c "import hashlib,base64; print(base64.b64encode(hashlib.pbkdf2_hmac('sha256',
     * 'lètmein'.encode(), b'seasalt', 260000)).decode())"}, which gives the same string as Django's test.
     */
    private static final String DJANGO_VECTOR =
            "pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=";

    @Test
    void verifiesAHashProducedByDjango() {
        assertThat(hasher.verify("lètmein", DJANGO_VECTOR)).isTrue();
        assertThat(hasher.verify("letmein", DJANGO_VECTOR)).isFalse();
    }

    @Test
    void encodesExactlyAsDjangoForTheSameSaltAndIterations() {
        // python3: hashlib.pbkdf2_hmac('sha256', 'lètmein'.encode(), b'seasalt', 1000), base64
        assertThat(PasswordHasher.encode("lètmein", "seasalt", 1000))
                .isEqualTo("pbkdf2_sha256$1000$seasalt$JgZryXe2Ga8ysg6XbzkLpTdyPQrHqsinbL9BnnhgX4A=");
    }

    @Test
    void hashRoundTripsWithAFreshSaltEachTime() {
        String a = hasher.hash("correct horse battery");
        String b = hasher.hash("correct horse battery");
        assertThat(a).startsWith("pbkdf2_sha256$1000$").isNotEqualTo(b);
        assertThat(a.split("\\$")[2]).hasSize(22).matches("[a-zA-Z0-9]+");
        assertThat(hasher.verify("correct horse battery", a)).isTrue();
        assertThat(hasher.verify("correct horse battery", b)).isTrue();
        assertThat(hasher.verify("correct horse batter", a)).isFalse();
        assertThat(hasher.verify("", a)).isFalse();
    }

    @Test
    void rejectsUnusableMalformedAndForeignHashesWithoutThrowing() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify(null, DJANGO_VECTOR)).isFalse();
        assertThat(hasher.verify("x", "!unusablepasswordmarker")).isFalse();
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2_sha256$abc$salt$hash")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2_sha256$0$salt$hash")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2_sha256$1000$$hash")).isFalse();
        assertThat(hasher.verify("x", "argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuv")).isFalse();
    }

    @Test
    void hashesWeakerThanTheConfiguredCountNeedARehash() {
        assertThat(new PasswordHasher(600_000).needsRehash(DJANGO_VECTOR)).isTrue();
        assertThat(new PasswordHasher(260_000).needsRehash(DJANGO_VECTOR)).isFalse();
        assertThat(hasher.needsRehash("!unusable")).isFalse();
    }

    @Test
    void verifyingForAnUnknownUserIsAlwaysFalse() {
        assertThat(hasher.verifyNothing("dummy password for unknown users")).isFalse();
        assertThat(hasher.verifyNothing(null)).isFalse();
    }
}
