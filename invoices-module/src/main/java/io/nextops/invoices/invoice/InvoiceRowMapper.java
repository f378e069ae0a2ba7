package io.nextops.invoices.invoice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the columns of {@link InvoiceSql#COLUMNS}, by position for speed (the order is fixed there). */
final class InvoiceRowMapper implements RowMapper<InvoiceRow> {
    static final InvoiceRowMapper INSTANCE = new InvoiceRowMapper();

    @Override
    public InvoiceRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        int c = 1;
        return new InvoiceRow(rs.getLong(c++), longOrNull(rs, c++), rs.getString(c++), longOrNull(rs, c++),
                rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++),
                date(rs, c++), rs.getString(c++), rs.getInt(c++), date(rs, c++), rs.getBoolean(c++),
                rs.getBigDecimal(c++), rs.getBigDecimal(c++), rs.getBigDecimal(c++), rs.getString(c++),
                rs.getString(c++), rs.getBigDecimal(c++), rs.getString(c++), rs.getBoolean(c++), rs.getString(c++),
                date(rs, c++), rs.getString(c++), date(rs, c++), rs.getString(c++), rs.getBigDecimal(c++),
                rs.getBigDecimal(c++), date(rs, c++), longOrNull(rs, c++), timestamp(rs, c++), rs.getString(c++),
                rs.getString(c++), rs.getString(c++), timestamp(rs, c++), timestamp(rs, c++),
                rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++),
                rs.getString(c++), rs.getString(c++), rs.getString(c));
    }

    private static Long longOrNull(ResultSet rs, int c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
    }

    private static LocalDate date(ResultSet rs, int c) throws SQLException {
        return rs.getObject(c, LocalDate.class);
    }

    private static OffsetDateTime timestamp(ResultSet rs, int c) throws SQLException {
        return rs.getObject(c, OffsetDateTime.class);
    }
}
