/** The server's own HTTP pieces: health endpoints, the JSON error envelope for errors Jetty produces, the access log. */
package io.nextops.server.http;
