package io.nextops.server.dashboard;

import io.nextops.memory.MemoryMonitor;
import io.nextops.server.budget.HeapCheck;
import io.nextops.server.budget.MemoryBudget;
import io.nextops.server.http.HeavyJobs;
import io.nextops.web.download.RunningExports;
import io.nextops.web.route.Access;
import io.nextops.web.route.Route;
import io.nextops.web.route.Work;
import io.nextops.workers.LaneMetrics;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The memory dashboard's routes, all INLINE (they answer while every worker is busy, as {@code /health/memory} does):
 *
 * <ul>
 *   <li>{@code GET /admin/memory/}: the page, with {@code dashboard.js} and {@code dashboard.css} beside it. These
 *       three are OPEN: they hold no data (the same files for everyone, in the jar), and a browser cannot send a
 *       bearer header when it navigates to a page.</li>
 *   <li>{@code GET /admin/memory/data/}: the figures, {@link Access#OPERATOR}: loopback clients, the metrics token,
 *       or an admin's access token. The page's script sends the token it was given in the page (an admin's login
 *       through {@code POST /api/token/}, or a pasted token) in the {@code Authorization} header, never in a URL.</li>
 * </ul>
 *
 * <pre>{@code
 * routes.addAll(MemoryDashboard.routes(memory, budget, workers::metrics, heavyJobs, exports));
 * }</pre>
 *
 * <p>Thread-safety: stateless; the routes are thread-safe.
 */
public final class MemoryDashboard {
    static final String DIR = "/dashboard/";

    private MemoryDashboard() {}

    /**
     * The dashboard's routes.
     *
     * @param budget the memory budget the launcher derived, null when none is known
     */
    public static List<Route> routes(MemoryMonitor memory, MemoryBudget budget, Supplier<List<LaneMetrics>> lanes,
                                     HeavyJobs heavyJobs, RunningExports exports) {
        DashboardData data = new DashboardData(memory, budget, lanes, heavyJobs, exports, Clock.systemUTC());
        return List.of(
                Route.get("/admin/memory/", "admin_memory", StaticAsset.page(DIR + "index.html"))
                        .tag("health").access(Access.OPEN).work(Work.INLINE).build(),
                Route.get("/admin/memory/data/", "admin_memory_data", data)
                        .tag("health").access(Access.OPERATOR).work(Work.INLINE).build(),
                Route.get("/admin/memory/dashboard.js", "admin_memory_script", StaticAsset.joined(
                                "text/javascript; charset=utf-8", DIR + "vendor/uPlot.iife.min.js", DIR + "dashboard.js"))
                        .tag("health").access(Access.OPEN).work(Work.INLINE).build(),
                Route.get("/admin/memory/dashboard.css", "admin_memory_style", StaticAsset.joined(
                                "text/css; charset=utf-8", DIR + "vendor/uPlot.min.css", DIR + "dashboard.css"))
                        .tag("health").access(Access.OPEN).work(Work.INLINE).build());
    }

    /**
     * The budget to show: the one {@code serve} checked at start, else one made of {@code budgetMb}
     * ({@code MEMORY_BUDGET_MB} as the server read it) when it is a valid budget, else null.
     */
    public static MemoryBudget budget(long budgetMb) {
        return HeapCheck.latest().map(HeapCheck::budget).orElseGet(() ->
                budgetMb >= MemoryBudget.MIN_MB && budgetMb <= MemoryBudget.MAX_MB
                        ? new MemoryBudget(budgetMb, MemoryBudget.Source.CONFIGURED) : null);
    }
}
