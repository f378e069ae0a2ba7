package io.nextops.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The reverse proxies whose forwarded-for headers the server believes ({@code TRUSTED_PROXIES}): a set of CIDRs,
 * IPv4 and IPv6, empty by default (trust nobody). Matching is Jetty's {@link InetAddressSet}; this class only makes
 * sure every entry is an IP literal with a prefix, so that nothing is ever looked up in DNS, and that an IPv4-mapped
 * IPv6 peer ({@code ::ffff:10.0.0.1}) matches an IPv4 CIDR. Immutable and thread-safe.
 *
 * <pre>{@code
 * TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, fd00::/8, 192.0.2.7");
 * proxies.trusts(InetAddress.getByName("10.1.2.3"));   // true
 * }</pre>
 */
public final class TrustedProxies {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<String> cidrs;
    private final InetAddressSet set = new InetAddressSet();

    private TrustedProxies(List<String> cidrs) {
        this.cidrs = List.copyOf(cidrs);
        cidrs.forEach(set::add);
    }

    /** Trusts nobody: forwarded headers are never read. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses a comma-separated list of CIDRs ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address means that one
     * address. Blank entries are skipped.
     *
     * @throws IllegalArgumentException naming the first bad entry: not an IP literal (host names are refused), a
     *         prefix out of range, or bits set after the prefix
     */
    public static TrustedProxies parse(String commaSeparated) {
        List<String> cidrs = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + entry);
            }
            int bits = address.getAddress().length * 8;
            String prefix = slash < 0 ? Integer.toString(bits) : entry.substring(slash + 1);
            if (!PREFIX.matcher(prefix).matches() || Integer.parseInt(prefix) > bits) {
                throw new IllegalArgumentException("prefix must be 0 to " + bits + ": " + entry);
            }
            String cidr = address.getHostAddress() + "/" + Integer.parseInt(prefix);
            try {
                new InetAddressSet().add(cidr); // Jetty refuses bits set after the prefix
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bits set after the prefix: " + entry, e);
            }
            cidrs.add(cidr);
        }
        return cidrs.isEmpty() ? NONE : new TrustedProxies(cidrs);
    }

    /** True when {@code address} is inside one of the CIDRs. */
    public boolean trusts(InetAddress address) {
        return address != null && !cidrs.isEmpty() && set.test(address);
    }

    public boolean isEmpty() {
        return cidrs.isEmpty();
    }

    /** The CIDRs, normalized ({@code 10.0.0.0/8}, {@code fd00:0:0:0:0:0:0:0/8}). */
    public List<String> cidrs() {
        return cidrs;
    }

    /**
     * The address of an IP literal, IPv4 dotted quad or IPv6 (without brackets or zone), or null for anything else.
     * Never a DNS lookup: names, and IPv4 forms such as {@code 010.1} or {@code 1.2.3}, are null.
     */
    public static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        try {
            if (IPV4.matcher(text).matches()) {
                return InetAddress.getByName(text);
            }
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                // brackets make the JDK parse it as an IPv6 literal or fail; it never asks DNS
                return InetAddress.getByName("[" + text + "]");
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedProxies other && cidrs.equals(other.cidrs);
    }

    @Override
    public int hashCode() {
        return cidrs.hashCode();
    }

    /** The CIDRs joined with commas, or {@code none}. */
    @Override
    public String toString() {
        return cidrs.isEmpty() ? "none" : String.join(",", cidrs);
    }
}
