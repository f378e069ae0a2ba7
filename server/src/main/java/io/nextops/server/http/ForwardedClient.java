package io.nextops.server.http;

import io.nextops.server.config.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Sets the client address of a request that came through a trusted reverse proxy ({@code TRUSTED_PROXIES}) to the
 * address the proxies forwarded, so that everything reading the remote address (the login throttle, the metrics
 * loopback rule, the access log) sees the client, not the balancer. Thread-safe.
 *
 * <p>Only when the socket peer is trusted are the headers read: {@code X-Forwarded-For} when present, else
 * {@code Forwarded} (RFC 7239, its {@code for=} parameters). The chain is walked from the right, skipping trusted
 * addresses; the first untrusted one is the client. A hop that is not an IP address ({@code unknown}, an obfuscated
 * name, garbage) stops the walk at the last address a trusted proxy vouched for, and a header that cannot be read at
 * all is ignored: a malformed header never fails the request. {@code X-Forwarded-For} wins when both are sent because
 * it is the header balancers append (nginx, HAProxy, cloud balancers): a client cannot remove it, while a client's own
 * {@code Forwarded} would pass through such a proxy untouched. A proxy that writes only {@code Forwarded} must drop
 * an incoming {@code X-Forwarded-For}.
 *
 * <p>Why not Jetty's {@code ForwardedRequestCustomizer}: it believes the headers of every peer (there is no trusted
 * list), takes the left-most {@code X-Forwarded-For} value, which the client writes, and also rewrites scheme, host
 * and port, which this server does not use. This customizer keeps Jetty's mechanism (a {@link Request.Wrapper} whose
 * {@link ConnectionMetaData} reports another remote address, which the servlet API and the request log read) and
 * Jetty's header splitting ({@link HttpFields#getCSV}), and adds only the trust rule.
 */
public final class ForwardedClient implements HttpConfiguration.Customizer {
    private static final int MAX_HOPS = 64;

    private final TrustedProxies trusted;

    public ForwardedClient(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (trusted.isEmpty()) {
            return request;
        }
        SocketAddress socket = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(socket instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return request;
        }
        InetAddress client = client(trusted, peer.getAddress(), request.getHeaders());
        if (client.equals(peer.getAddress())) {
            return request;
        }
        InetSocketAddress remote = new InetSocketAddress(client, 0); // the client's port is not forwarded
        ConnectionMetaData metaData = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
                return remote;
            }
        };
        return new Request.Wrapper(request) {
            @Override
            public ConnectionMetaData getConnectionMetaData() {
                return metaData;
            }
        };
    }

    /** The client of a request from {@code peer} with {@code headers}: {@code peer} itself unless it is trusted. */
    static InetAddress client(TrustedProxies trusted, InetAddress peer, HttpFields headers) {
        if (!trusted.trusts(peer)) {
            return peer;
        }
        List<String> hops;
        try {
            hops = hops(headers);
        } catch (RuntimeException e) { // a header Jetty's parser gives up on: as if it were not there
            return peer;
        }
        InetAddress current = peer;
        for (int i = hops.size() - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            InetAddress hop = node(hops.get(i));
            if (hop == null) {
                return current;
            }
            if (!trusted.trusts(hop)) {
                return hop;
            }
            current = hop;
        }
        return current;
    }

    /** The forwarded-for hops, left (first proxy's client) to right (the peer's own client); empty when none. */
    static List<String> hops(HttpFields headers) {
        if (headers.contains(HttpHeader.X_FORWARDED_FOR)) {
            return headers.getCSV(HttpHeader.X_FORWARDED_FOR, false);
        }
        if (!headers.contains(HttpHeader.FORWARDED)) {
            return List.of();
        }
        List<String> hops = new ArrayList<>();
        for (String element : headers.getCSV(HttpHeader.FORWARDED, true)) {
            String forValue = ""; // an element without for= is a hop nobody vouches for
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                    forValue = pair.substring(eq + 1).trim();
                }
            }
            hops.add(forValue);
        }
        return hops;
    }

    /**
     * The address of one hop: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
     * {@code [2001:db8::1]:4711}, each optionally quoted; null for anything else.
     */
    static InetAddress node(String hop) {
        String h = hop.trim();
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
            h = h.substring(1, h.length() - 1).trim();
        }
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0 || !(close == h.length() - 1 || isPort(h.substring(close + 1)))) {
                return null;
            }
            return TrustedProxies.literal(h.substring(1, close));
        }
        int colon = h.indexOf(':');
        if (colon > 0 && colon == h.lastIndexOf(':')) { // IPv4 with a port
            if (!isPort(h.substring(colon))) {
                return null;
            }
            h = h.substring(0, colon);
        }
        return TrustedProxies.literal(h);
    }

    // ":4711" (RFC 7239 also allows an obfuscated port, "_abc", which says nothing of the address)
    private static boolean isPort(String colonPort) {
        return colonPort.length() > 1 && colonPort.charAt(0) == ':' && (colonPort.charAt(1) == '_'
                || colonPort.length() <= 6 && colonPort.substring(1).chars().allMatch(c -> c >= '0' && c <= '9'));
    }
}
