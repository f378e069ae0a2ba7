package io.nextops.web.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Endpoint NOTHING = call -> { };

    private static final RouteTable TABLE = RouteTable.of(List.of(List.of(
            Route.get("/api/things/", "things_list", NOTHING).build(),
            Route.post("/api/things/", "things_create", NOTHING).access(Access.MANAGER).build(),
            Route.get("/api/things/export/", "things_export", NOTHING).heavy(1 << 20).build(),
            Route.get("/api/things/{id}/", "things_retrieve", NOTHING).build(),
            Route.delete("/api/things/{id}/", "things_destroy", NOTHING).build(),
            Route.get("/api/things/{id}/file/", "things_file", NOTHING).build(),
            Route.get("/health/live", "live", NOTHING).access(Access.OPEN).work(Work.INLINE).build())));

    @Test
    void matchesWithAndWithoutTheFinalSlash() {
        assertThat(TABLE.match("GET", "/api/things/").route().operationId()).isEqualTo("things_list");
        assertThat(TABLE.match("GET", "/api/things").route().operationId()).isEqualTo("things_list");
        assertThat(TABLE.match("GET", "/health/live/").route().operationId()).isEqualTo("live");
        assertThat(TABLE.match("GET", "/api/things/12").variables()).containsEntry("id", "12");
    }

    @Test
    void headIsServedByGet() {
        assertThat(TABLE.match("HEAD", "/api/things/7/file/").route().operationId()).isEqualTo("things_file");
    }

    @Test
    void aLiteralSegmentIsNotAnId() {
        assertThat(TABLE.match("GET", "/api/things/export/").route().operationId()).isEqualTo("things_export");
        assertThat(TABLE.match("DELETE", "/api/things/export/").wrongMethod()).isTrue();
    }

    @Test
    void idsAreOneToEighteenAsciiDigits() {
        assertThat(TABLE.match("GET", "/api/things/123456789012345678/").found()).isTrue();
        assertThat(TABLE.match("GET", "/api/things/1234567890123456789/").found()).isFalse();
        assertThat(TABLE.match("GET", "/api/things/\u0661\u0662/").found()).as("Arabic-Indic digits").isFalse();
        assertThat(TABLE.match("GET", "/api/things/-1/").found()).isFalse();
        assertThat(TABLE.match("GET", "/api/things//").found()).isFalse();
    }

    @Test
    void aKnownPathWithAnotherMethodIsAWrongMethodWithTheAllowedOnes() {
        RouteTable.Match m = TABLE.match("PUT", "/api/things/3/");
        assertThat(m.found()).isFalse();
        assertThat(m.wrongMethod()).isTrue();
        assertThat(m.allowHeader()).containsExactly("GET", "HEAD", "DELETE");
        assertThat(TABLE.match("BREW", "/api/things/").allowHeader()).containsExactly("GET", "HEAD", "POST");
    }

    @Test
    void unknownPathsMatchNothing() {
        RouteTable.Match m = TABLE.match("GET", "/api/other/");
        assertThat(m.found()).isFalse();
        assertThat(m.wrongMethod()).isFalse();
        assertThat(TABLE.match("GET", "api/things/").found()).isFalse();
        assertThat(TABLE.match("GET", null).found()).isFalse();
    }

    @Test
    void refusesTwoRoutesForOneMethodAndTemplate() {
        assertThatThrownBy(() -> RouteTable.of(List.of(List.of(
                Route.get("/a/", "a_one", NOTHING).build(), Route.get("/a/", "a_two", NOTHING).build()))))
                .hasMessageContaining("two routes for GET /a/");
    }

    @Test
    void refusesTemplatesThatDifferOnlyInTheFinalSlashOrMatchTheSamePaths() {
        assertThatThrownBy(() -> RouteTable.of(List.of(List.of(
                Route.get("/a/", "a_one", NOTHING).build(), Route.post("/a", "a_two", NOTHING).build()))))
                .hasMessageContaining("differ only in the final slash");
        assertThatThrownBy(() -> RouteTable.of(List.of(List.of(
                Route.get("/a/{id}/", "a_one", NOTHING).build(), Route.get("/a/{key}/", "a_two", NOTHING).build()))))
                .hasMessageContaining("match the same paths");
    }

    @Test
    void routesAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> Route.get("no-slash", "x", NOTHING).build()).hasMessageContaining("template");
        assertThatThrownBy(() -> Route.get("/x/", "Bad-Id", NOTHING).build()).hasMessageContaining("operationId");
        assertThatThrownBy(() -> new Route(Method.GET, "/x/", "x", "t", NOTHING, Access.OPEN, Work.LIGHT, List.of(), 5))
                .hasMessageContaining("reserveBytes");
        assertThatThrownBy(() -> Route.get("/x/", "x", NOTHING).params(List.of(Param.text("q", "a"),
                Param.text("q", "b"))).build()).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> Param.choice("x", List.of(), "none")).hasMessageContaining("choices");
    }
}
