package io.nextops.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build, as written once in the parent POM ({@code revision} plus {@code changelist}) and
 * copied by Maven's resource filtering into {@code io/nextops/server/version.properties}.
 *
 * <pre>{@code
 * String version = Version.get();   // e.g. "0.1.0-SNAPSHOT"
 * }</pre>
 *
 * <p>Thread-safety: immutable; the value is read once, when the class is initialised.
 */
public final class Version {
    static final String RESOURCE = "version.properties";
    private static final String VERSION = read();

    private Version() {}

    /** The project version, never blank. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource io/nextops/server/" + RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty("version", "");
            if (value.isBlank() || value.contains("${")) {
                throw new IllegalStateException("io/nextops/server/" + RESOURCE
                        + " was not filtered by the build: version=" + value);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/nextops/server/" + RESOURCE, e);
        }
    }
}
