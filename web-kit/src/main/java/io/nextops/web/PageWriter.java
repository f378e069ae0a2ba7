package io.nextops.web;

import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes the original's page envelope {@code {count, next, previous, page_size, total_pages, current_page, results}}
 * with the results streamed one row at a time from an iterator, so that a page of 10,000 rows is never built in memory.
 */
public final class PageWriter {
    private PageWriter() {}

    /** Writes the envelope; {@code rows} is consumed (the caller closes what backs it). */
    public static void write(HttpServletRequest request, HttpServletResponse response, PageRequest page, long count,
                             Iterator<?> rows) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        long totalPages = page.totalPages(count);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(response.getOutputStream())) {
            g.writeStartObject();
            g.writeNumberField("count", count);
            g.writeStringField("next", page.page() < totalPages ? link(request, page.page() + 1) : null);
            g.writeStringField("previous", page.page() > 1 ? link(request, page.page() - 1) : null);
            g.writeNumberField("page_size", page.pageSize());
            g.writeNumberField("total_pages", totalPages);
            g.writeNumberField("current_page", page.page());
            g.writeArrayFieldStart("results");
            int n = 0;
            while (rows.hasNext()) {
                Json.MAPPER.writeValue(g, rows.next());
                if (++n % 200 == 0) {
                    g.flush(); // hand rows to the socket as we go: the buffer stays small
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** The request's own URL with {@code page} replaced, like DRF's next/previous links. */
    static String link(HttpServletRequest request, int page) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, java.util.List<String>> e : QueryString.of(request).asMap().entrySet()) {
            if (e.getKey().equals("page")) {
                continue;
            }
            for (String v : e.getValue()) {
                query.add(enc(e.getKey()) + "=" + enc(v));
            }
        }
        query.add("page=" + page);
        return request.getRequestURL() + "?" + query;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
