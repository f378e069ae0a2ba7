package io.nextops.ots.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The fields of a client to create; {@code normalizedName} is filled from {@code originalName} when blank, as the
 * original's save. Immutable and thread-safe.
 *
 * @param originalName name, not blank, at most 500 characters
 * @param normalizedName normalized name, or blank to derive it
 * @param shortName unique short name, or null
 * @param providerId linked provider, or null
 * @param isVerified verified flag
 */
public record NewClient(String originalName, String normalizedName, String shortName, Long providerId,
                        boolean isVerified) {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING = Pattern.compile("[.,;\\s]+$");

    public NewClient {
        originalName = Objects.requireNonNull(originalName, "originalName").strip();
        if (originalName.isEmpty()) {
            throw new IllegalArgumentException("originalName must not be blank");
        }
        normalizedName = normalizedName == null || normalizedName.isBlank() ? normalize(originalName)
                : normalizedName.strip();
        shortName = shortName == null || shortName.isBlank() ? null : shortName.strip();
    }

    public static NewClient of(String originalName) {
        return new NewClient(originalName, null, null, null, false);
    }

    /** Upper-cased, runs of whitespace collapsed to one space, trailing {@code . , ;} removed. */
    public static String normalize(String name) {
        String s = SPACES.matcher(name.strip().toUpperCase(Locale.ROOT)).replaceAll(" ");
        return TRAILING.matcher(s).replaceAll("");
    }
}
