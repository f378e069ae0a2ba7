/**
 * The route table: routes as data ({@link io.nextops.web.route.Route}: method, template, handler, access, work,
 * parameters), declared by each domain module and read by everything cross-cutting in the server.
 */
package io.nextops.web.route;
