package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps this module's README honest: every fenced block preceded by {@code <!-- snippet: FILE#TAG -->} must equal
 * the region between {@code // tag::TAG[]} and {@code // end::TAG[]} of that (compiled and run) test source, and every
 * relative link must name a file of the repository. The same small class sits in each library module, because
 * library modules depend on no other project module, not even for tests.
 *
 * <p>Thread-safety: stateless.
 */
final class ReadmeSnippets {
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\R```java\\R(.*?)\\R```", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    private ReadmeSnippets() {}

    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static String readme() throws IOException {
        return Files.readString(moduleDir().resolve("README.md"), StandardCharsets.UTF_8);
    }

    /** Asserts that the README has at least one snippet and that each equals its tagged region. */
    static void assertSnippetsMatchSources() throws IOException {
        Matcher m = SNIPPET.matcher(readme());
        int found = 0;
        while (m.find()) {
            found++;
            Path source = moduleDir().resolve(m.group(1));
            List<String> region = region(Files.readAllLines(source, StandardCharsets.UTF_8), m.group(2));
            assertThat(lines(m.group(3)))
                    .as("README.md block for %s#%s (run python3 docs/tools/sync_readme_snippets.py %s)",
                            m.group(1), m.group(2), moduleDir().getFileName())
                    .containsExactlyElementsOf(region);
        }
        assertThat(found).as("snippet markers in README.md").isPositive();
    }

    /** Asserts that every relative Markdown link of the README names an existing file. */
    static void assertRelativeLinksExist() throws IOException {
        Matcher m = LINK.matcher(readme());
        while (m.find()) {
            String target = m.group(1);
            if (!target.contains("://") && !target.startsWith("mailto:")) {
                assertThat(moduleDir().resolve(target).normalize()).as("link target in README.md").exists();
            }
        }
    }

    private static List<String> region(List<String> source, String tag) {
        int start = indexOfTrimmed(source, "// tag::" + tag + "[]");
        int end = indexOfTrimmed(source, "// end::" + tag + "[]");
        assertThat(start).as("// tag::%s[] in the example source", tag).isNotNegative();
        assertThat(end).as("// end::%s[] after the tag", tag).isGreaterThan(start);
        List<String> body = source.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String line : body) {
            out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        return out;
    }

    private static int indexOfTrimmed(List<String> lines, String wanted) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lines(String block) {
        return block.lines().map(String::stripTrailing).toList();
    }
}
