package io.nextops.server.http;

import io.nextops.memory.MemoryMonitor;
import io.nextops.server.metrics.Metrics;
import io.nextops.server.metrics.MetricsServlet;
import io.nextops.web.route.Access;
import io.nextops.web.route.Endpoint;
import io.nextops.web.route.Param;
import io.nextops.web.route.Route;
import io.nextops.web.route.Work;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The server's own routes: health ({@code /api/health/}, {@code /health/live}, {@code /health/ready}), operators'
 * views ({@code /health/memory}, {@code /metrics}) and the API document ({@code /api/schema/}). Health, memory and
 * metrics run INLINE on Jetty's threads so that they answer while every worker is busy.
 */
public final class ServerRoutes {
    private ServerRoutes() {}

    /** Liveness, readiness (a query on {@code dataSource}), memory and metrics. */
    public static List<Route> operations(DataSource dataSource, String version, MemoryMonitor memory,
                                         Map<String, Object> settings, Metrics metrics, RequestWorkers workers) {
        Endpoint live = Endpoint.ofServlet(new HealthServlet(null, version));
        return List.of(
                Route.get("/api/health/", "health", live).tag("health").access(Access.OPEN).work(Work.INLINE).build(),
                Route.get("/health/live", "health_live", live).tag("health").access(Access.OPEN).work(Work.INLINE)
                        .build(),
                Route.get("/health/ready", "health_ready", Endpoint.ofServlet(new HealthServlet(dataSource, version)))
                        .tag("health").access(Access.OPEN).work(Work.INLINE).build(),
                Route.get("/health/memory", "health_memory", Endpoint.ofServlet(new MemoryServlet(memory, settings, workers::metrics)))
                        .tag("health").access(Access.METRICS).work(Work.INLINE)
                        .params(List.of(Param.flag("history", "false leaves out the sampler's history"))).build(),
                Route.get("/metrics", "metrics", Endpoint.ofServlet(new MetricsServlet(metrics))).tag("health")
                        .access(Access.METRICS).work(Work.INLINE).build());
    }

    /** {@code GET /api/schema/}: the OpenAPI document of {@code schema}. */
    public static Route schema(SchemaServlet schema) {
        return Route.get("/api/schema/", "schema", Endpoint.ofServlet(schema)).tag("health").access(Access.OPEN)
                .params(List.of(Param.choice("format", List.of("json", "openapi-json"),
                        "json or openapi-json (default): the same document"))).build();
    }
}
