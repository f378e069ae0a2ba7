package io.nextops.testsupport;

import javax.sql.DataSource;

/**
 * A database of the shared embedded server, created empty for one test class.
 *
 * @param name database name
 * @param jdbcUrl JDBC URL without credentials
 * @param user user name
 * @param password password (the embedded server trusts local connections)
 * @param dataSource an unpooled data source for it
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password, DataSource dataSource) {
    /** The URL in the {@code postgres://user:pass@host:port/db} form that hosting platforms give. */
    public String postgresUrl() {
        String hostPortDb = jdbcUrl.substring("jdbc:postgresql://".length());
        int q = hostPortDb.indexOf('?');
        if (q >= 0) {
            hostPortDb = hostPortDb.substring(0, q);
        }
        return "postgres://" + user + ":" + password + "@" + hostPortDb;
    }
}
