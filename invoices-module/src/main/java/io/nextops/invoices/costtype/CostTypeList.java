package io.nextops.invoices.costtype;

import io.nextops.web.route.Route;
import io.nextops.web.route.Call;
import io.nextops.web.PageRequest;
import io.nextops.web.PageWriter;
import io.nextops.web.Params;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/catalogs/cost-types/}: active cost types in the page envelope (the catalog is small; paging
 * parameters still apply). Thread-safe.
 */
public final class CostTypeList {
    private final Jdbi jdbi;
    private final CostTypeRepository costTypes;

    public CostTypeList(Jdbi jdbi, CostTypeRepository costTypes) {
        this.jdbi = jdbi;
        this.costTypes = costTypes;
    }

    /** {@code GET /api/catalogs/cost-types/}, any authenticated role. */
    public Route route() {
        return Route.get("/api/catalogs/cost-types/", "cost_types_list", this::list).tag("cost types").paged().build();
    }

    private void list(Call call) throws IOException {
        HttpServletRequest req = call.request();
        HttpServletResponse resp = call.response();
        Params params = call.params();
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
