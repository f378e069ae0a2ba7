package io.nextops.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void aDuplicateKeyIsRefusedAtAnyDepth() {
        for (String body : new String[] {"{\"notas\":\"a\",\"notas\":\"b\"}", "{\"x\":{\"k\":1,\"k\":2}}"}) {
            try {
                Json.MAPPER.readTree(body);
                throw new AssertionError("accepted " + body);
            } catch (JsonProcessingException e) {
                assertThat(e.getOriginalMessage()).startsWith("Duplicate field '");
            }
        }
    }
}
