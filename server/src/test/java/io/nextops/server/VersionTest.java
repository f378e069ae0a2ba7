package io.nextops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nextops.server.http.SchemaServlet;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void isTheProjectVersionOfThePom() {
        // surefire passes the POM's ${project.version} (server/pom.xml), the one place the version is written
        assertThat(Version.get()).isEqualTo(System.getProperty("nextops.pom.version")).isNotBlank();
    }

    @Test
    void serverConstantIsTheBuildVersion() {
        assertThat(NextOpsServer.VERSION).isEqualTo(Version.get());
    }

    @Test
    void openApiDocumentCarriesTheBuildVersion() throws IOException {
        // the document's info block comes from openapi/document.json, filtered with the POM's version at build time
        try (InputStream in = SchemaServlet.class.getClassLoader().getResourceAsStream("openapi/document.json")) {
            assertThat(in).as("openapi/document.json").isNotNull();
            JsonNode doc = new ObjectMapper().readTree(in);
            assertThat(doc.path("info").path("version").asText()).isEqualTo(Version.get());
        }
    }
}
