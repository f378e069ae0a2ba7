package io.nextops.web;

/**
 * Page-number pagination as the original: {@code page} from 1, {@code page_size} 25 by default, at most 10000.
 *
 * @param page 1-based page number
 * @param pageSize rows per page
 */
public record PageRequest(int page, int pageSize) {
    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 10_000;

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1, was " + page);
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_SIZE + ", was " + pageSize);
        }
    }

    /** Reads {@code page} and {@code page_size}; bad values are recorded in {@code params}. */
    public static PageRequest from(Params params) {
        int page = params.integer("page", 1, 1, Integer.MAX_VALUE);
        int size = params.integer("page_size", DEFAULT_SIZE, 1, MAX_SIZE);
        return new PageRequest(page, size);
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /** Number of pages for {@code count} rows (at least 1, as the original). */
    public long totalPages(long count) {
        return Math.max(1, (count + pageSize - 1) / pageSize);
    }

    /** Throws 404 "Invalid page." when the page lies past the last one. */
    public void requireExists(long count) {
        if (page > totalPages(count)) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "not_found", "Invalid page.");
        }
    }
}
