/**
 * The memory dashboard at {@code /admin/memory}: a static page (HTML, one script, one style sheet, served from the
 * jar) that polls {@code /admin/memory/data}, a constant-size JSON view of the memory monitor, the lanes, the heavy
 * jobs and the exports in progress. {@link io.nextops.server.dashboard.MemoryDashboard} declares the routes.
 */
package io.nextops.server.dashboard;
