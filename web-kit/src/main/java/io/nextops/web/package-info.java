/**
 * The HTTP kit of the domain modules, on the servlet API only: the error envelope as an exception
 * ({@link io.nextops.web.ApiException}) and its one writer ({@link io.nextops.web.ErrorWriter}, which also maps each
 * {@link io.nextops.web.ApiException.Kind} to its status), the JSON mapper ({@link io.nextops.web.Json}), query
 * and body readers that collect every bad field ({@link io.nextops.web.Params}, {@link io.nextops.web.Body}), the
 * paginated envelope written as a stream ({@link io.nextops.web.PageRequest}, {@link io.nextops.web.PageWriter}) and
 * the authenticated caller ({@link io.nextops.web.Caller}, {@link io.nextops.web.Role}). Routes are in
 * {@link io.nextops.web.route}; export downloads in {@link io.nextops.web.download}.
 *
 * <pre>{@code
 * // a module declares its routes next to their handlers ...
 * List<Route> routes = List.of(
 *         Route.get("/api/things/", "things_list", call -> {
 *             Params params = call.params();
 *             PageRequest page = PageRequest.from(params);
 *             params.validate();                            // 400 listing every bad parameter
 *             PageWriter.write(call.request(), call.response(), page, 0, List.<Object>of().iterator());
 *         }).tag("things").paged().build(),
 *         Route.delete("/api/things/{id}/", "things_destroy", call -> {
 *             throw ApiException.notFound("Thing " + call.id());
 *         }).tag("things").access(Access.MANAGER).build());
 * // ... and a servlet container runs them all through one servlet
 * RouteServlet servlet = new RouteServlet(RouteTable.of(List.of(routes)));
 * }</pre>
 */
package io.nextops.web;
