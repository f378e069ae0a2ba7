package io.nextops.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void parsesHostingPlatformForm() {
        DatabaseUrl u = DatabaseUrl.parse("postgres://ops_user:p%40ss%3Aword@db.internal:6543/nextops?sslmode=require");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/nextops?sslmode=require");
        assertThat(u.user()).isEqualTo("ops_user");
        assertThat(u.password()).isEqualTo("p@ss:word");
        assertThat(u.host()).isEqualTo("db.internal");
        assertThat(u.port()).isEqualTo(6543);
        assertThat(u.database()).isEqualTo("nextops");
    }

    @Test
    void parsesPostgresqlSchemeAndDefaultPort() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://u@localhost/db");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/db");
        assertThat(u.user()).isEqualTo("u");
        assertThat(u.password()).isNull();
    }

    @Test
    void parsesJdbcFormWithCredentialsInQuery() {
        DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://10.0.0.5:5433/ops?user=app&password=x%26y&ssl=true");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5433/ops?ssl=true");
        assertThat(u.user()).isEqualTo("app");
        assertThat(u.password()).isEqualTo("x&y");
        assertThat(u.describe()).isEqualTo("10.0.0.5:5433/ops");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://u:p@h/db", "postgres://u:p@/db", "postgres://u:p@host:5432/", "not a url", "postgres://h:99999999/db"})
    void rejectsWhatIsNotAPostgresUrl(String value) {
        assertThatThrownBy(() -> DatabaseUrl.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorMessageNeverRepeatsThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:topsecret@/db"))
                .hasMessageNotContaining("topsecret");
    }
}
