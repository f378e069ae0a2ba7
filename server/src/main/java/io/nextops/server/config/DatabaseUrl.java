package io.nextops.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL location parsed from {@code DATABASE_URL}, in either form:
 * {@code postgres://user:pass@host:5432/db?sslmode=require} (as hosting platforms give it; {@code postgresql://} too)
 * or {@code jdbc:postgresql://host:5432/db?user=u&password=p}.
 *
 * @param jdbcUrl JDBC URL without credentials
 * @param user user name, or null when the URL has none
 * @param password password, or null; never logged ({@link #toString()} hides it)
 * @param host host name, for logs
 * @param port port
 * @param database database name, for logs
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, String host, int port, String database) {

    /** Parses {@code value}; throws IllegalArgumentException with a message that never repeats the password. */
    public static DatabaseUrl parse(String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = v.substring("jdbc:".length());
        } else if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            rest = "postgresql" + v.substring(v.indexOf("://"));
        } else {
            throw new IllegalArgumentException("must start with postgres://, postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("has no host");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("has an invalid port " + port);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank()) {
            throw new IllegalArgumentException("has no database name");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String key = decode(eq < 0 ? param : param.substring(0, eq));
                String val = eq < 0 ? "" : decode(param.substring(eq + 1));
                if (key.equals("user")) {
                    user = val;
                } else if (key.equals("password")) {
                    password = val;
                } else {
                    params.add(param);
                }
            }
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String jdbc = "jdbc:postgresql://" + hostPart + ":" + port + "/" + path.substring(path.startsWith("/") ? 1 : 0)
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new DatabaseUrl(jdbc, user, password, host, port, database);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Host, port and database name: safe to log. */
    public String describe() {
        return host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + describe() + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
