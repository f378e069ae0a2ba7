/**
 * The server's {@link io.nextops.web.MultipartParser}: Jetty 12's own streaming multipart parser
 * ({@code org.eclipse.jetty.http.MultiPart.Parser}) behind the parser-neutral interface the domain modules use, so
 * that only the server sees Jetty. Start at {@link io.nextops.server.multipart.JettyMultipartParser}.
 */
package io.nextops.server.multipart;
