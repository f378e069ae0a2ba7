package io.nextops.invoices.costtype;

import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.PageRequest;
import io.nextops.web.PageWriter;
import io.nextops.web.Params;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/catalogs/cost-types/}: active cost types in the page envelope (the catalog is small; paging
 * parameters still apply). Mounted by {@code InvoicesModule.servlets()}. Thread-safe.
 */
public final class CostTypeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Jdbi jdbi;
    private final transient CostTypeRepository costTypes;

    public CostTypeServlet(Jdbi jdbi, CostTypeRepository costTypes) {
        this.jdbi = jdbi;
        this.costTypes = costTypes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/".equals(req.getPathInfo())) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "not_found", "Not found.");
        }
        if (!"GET".equals(req.getMethod())) {
            throw ApiException.methodNotAllowed(req.getMethod());
        }
        Caller.of(req);
        Params params = new Params(req);
        PageRequest page = PageRequest.from(params);
        params.validate();
        jdbi.useHandle(h -> {
            long count = costTypes.countActive(h);
            page.requireExists(count);
            try (Stream<CostType> rows = costTypes.streamActive(h)) {
                PageWriter.write(req, resp, page, count, rows.skip(page.offset()).limit(page.pageSize()).iterator());
            }
        });
    }
}
