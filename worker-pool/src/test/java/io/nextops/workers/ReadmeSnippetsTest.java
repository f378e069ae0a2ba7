package io.nextops.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the examples in the documents identical to the code {@link ReadmeExampleTest} compiles and runs: the README's
 * fenced {@code java} blocks and the {@code <pre>{@code ...}</pre>} snippets of the entry points' javadoc.
 * Maven runs tests in the module directory, so the paths are relative to it.
 */
class ReadmeSnippetsTest {

    private static final Path EXAMPLES = Path.of("src/test/java/io/nextops/workers/ReadmeExampleTest.java");
    private static final Path SOURCES = Path.of("src/main/java/io/nextops/workers");

    @Test
    void theReadmeShowsExactlyTheCodeThatIsTested() throws IOException {
        List<String> blocks = fencedJavaBlocks(Files.readString(Path.of("README.md")));

        assertThat(blocks).contains(region("pool"), region("lanes"));
    }

    @Test
    void theEntryPointsJavadocShowsExactlyTheCodeThatIsTested() throws IOException {
        assertThat(javadocSnippets(SOURCES.resolve("WorkerPool.java"))).first().isEqualTo(region("pool"));
        assertThat(javadocSnippets(SOURCES.resolve("Lanes.java"))).first().isEqualTo(region("lanes"));
        assertThat(javadocSnippets(SOURCES.resolve("package-info.java"))).first().isEqualTo(region("pool"));
    }

    @Test
    void findsBothRegions() throws IOException {
        assertThat(region("pool")).startsWith("WorkerPool pool = WorkerPool.start(").endsWith("seen.add(done.clean());                // nothing interrupted or dropped");
        assertThat(region("lanes")).startsWith("AtomicBoolean memoryCritical").contains("Lanes.start(config, memoryCritical::get)");
    }

    /** The lines between the markers, with their common indentation removed. */
    static String region(String name) throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLES);
        int from = indexOf(lines, "// snippet:" + name);
        int to = indexOf(lines, "// end:" + name);
        return dedent(lines.subList(from + 1, to));
    }

    static List<String> fencedJavaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?ms)^```java\\n(.*?)\\n```$").matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static List<String> javadocSnippets(Path source) throws IOException {
        List<String> snippets = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(source)) {
            String text = line.replaceFirst("^\\s*\\* ?", "");
            if (text.equals("<pre>{@code")) {
                current = new ArrayList<>();
            } else if (current != null && text.equals("}</pre>")) {
                snippets.add(dedent(current));
                current = null;
            } else if (current != null) {
                current.add(text);
            }
        }
        return snippets;
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + marker + "' in " + EXAMPLES);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList())
                .stripTrailing();
    }
}
