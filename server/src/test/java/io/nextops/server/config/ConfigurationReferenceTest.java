package io.nextops.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/configuration.md}, {@code .env.example} and the code in step: every variable of the reference's
 * tables is in {@code .env.example} and the other way round, every variable the configuration reads is documented,
 * every documented one is read, and the values {@code .env.example} sets are the defaults it claims they are.
 */
class ConfigurationReferenceTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    /** First cell of a table row: the variable. */
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|");
    private static final Pattern ANY_NAME = Pattern.compile("`([A-Z][A-Z0-9_]{2,})`");
    /** {@code NAME=value} or {@code # NAME=value} (documented but unset by default). */
    private static final Pattern ENV_LINE = Pattern.compile("(?m)^(#\\s*)?([A-Z][A-Z0-9_]+)=(.*)$");
    /** Read by the subcommands ({@code serve}, {@code create-user}) rather than by {@link ServerConfig}. */
    private static final Set<String> READ_BY_COMMANDS = Set.of("NEXTOPS_ADMIN_PASSWORD");

    @Test
    void envExampleListsExactlyTheVariablesOfTheReference() throws IOException {
        assertThat(envExample().keySet())
                .as(".env.example against the variable tables of docs/configuration.md")
                .containsExactlyInAnyOrderElementsOf(documented());
    }

    @Test
    void everyVariableTheConfigurationReadsIsDocumentedAndEveryDocumentedOneIsRead() throws IOException {
        Set<String> read = readByServerConfig();
        String reference = reference();
        Set<String> mentioned = new TreeSet<>();
        Matcher m = ANY_NAME.matcher(reference);
        while (m.find()) {
            mentioned.add(m.group(1));
        }
        assertThat(mentioned).as("variables (and aliases) named in docs/configuration.md").containsAll(read);

        Set<String> readAnywhere = new TreeSet<>(read);
        readAnywhere.addAll(READ_BY_COMMANDS);
        assertThat(readAnywhere).as("variables ServerConfig.fromEnv reads").containsAll(documented());
    }

    @Test
    void theValuesEnvExampleSetsAreTheDefaults() throws IOException {
        Map<String, String> set = new LinkedHashMap<>();
        envExample().forEach((name, value) -> {
            if (value != null) {
                set.put(name, value);
            }
        });
        assertThat(set).as("uncommented lines of .env.example").isNotEmpty();
        assertThat(ServerConfig.fromEnv(set)).isEqualTo(ServerConfig.fromEnv(Map.of()));
    }

    /** Names in the first column of the reference's tables. */
    private static Set<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = TABLE_ROW.matcher(reference());
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("variables in docs/configuration.md").hasSizeGreaterThan(30);
        return names;
    }

    /** Name to value; {@code null} for a commented-out line (documented, unset by default). */
    private static Map<String, String> envExample() throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = ENV_LINE.matcher(Files.readString(ROOT.resolve(".env.example"), StandardCharsets.UTF_8));
        while (m.find()) {
            vars.put(m.group(2), m.group(1) == null ? m.group(3).strip() : null);
        }
        return vars;
    }

    private static String reference() throws IOException {
        return Files.readString(ROOT.resolve("docs").resolve("configuration.md"), StandardCharsets.UTF_8);
    }

    /** Every name {@link ServerConfig#fromEnv} looks up, for the embedded and for the external database. */
    private static Set<String> readByServerConfig() {
        Set<String> asked = new TreeSet<>();
        for (Map<String, String> base : java.util.List.of(Map.<String, String>of(),
                Map.of("DATABASE_URL", "postgres://u:p@db.example:5432/nextops"))) {
            Map<String, String> env = new AbstractMap<>() {
                @Override
                public String get(Object key) {
                    asked.add((String) key);
                    return base.get(key);
                }

                @Override
                public boolean containsKey(Object key) {
                    asked.add((String) key);
                    return base.containsKey(key);
                }

                @Override
                public Set<Entry<String, String>> entrySet() {
                    return Collections.unmodifiableMap(base).entrySet();
                }
            };
            try {
                ServerConfig.fromEnv(env);
            } catch (ConfigException e) {
                // the external database without JWT_SECRET is refused; the names were read all the same
            }
        }
        return asked;
    }
}
