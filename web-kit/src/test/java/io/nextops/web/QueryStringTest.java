package io.nextops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringTest {
    @Test
    void decodesPercentEscapesAndPlusAsUtf8() {
        QueryString q = QueryString.parse("search=caf%C3%A9+con+leche&estado=a&estado=b&empty=&bare");
        assertThat(q.values("search")).containsExactly("café con leche");
        assertThat(q.values("estado")).containsExactly("a", "b");
        assertThat(q.values("empty")).containsExactly("");
        assertThat(q.values("bare")).containsExactly("");
        assertThat(q.errors()).isEmpty();
    }

    @Test
    void refusesBytesThatAreNotUtf8NamingTheParameter() {
        for (String bad : List.of("%FF", "%C0%AF", "%ED%A0%80", "abc%E2%82", "%80")) {
            QueryString q = QueryString.parse("page=1&search=" + bad);
            assertThat(q.errors()).as(bad).extracting(FieldError::field).containsExactly("search");
            assertThat(q.values("search")).as(bad).isEmpty();
            assertThat(q.values("page")).containsExactly("1");
        }
    }

    @Test
    void refusesMalformedEscapes() {
        for (String bad : List.of("%", "%G1", "%4", "a%zz")) {
            assertThat(QueryString.parse("ordering=" + bad).errors()).as(bad).extracting(FieldError::field)
                    .containsExactly("ordering");
        }
    }

    @Test
    void aMalformedNameIsReportedToo() {
        assertThat(QueryString.parse("se%FFarch=x").errors()).extracting(FieldError::field)
                .containsExactly("se%FFarch");
    }
}
