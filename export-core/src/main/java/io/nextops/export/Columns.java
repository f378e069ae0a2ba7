package io.nextops.export;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The ordered, non-empty list of {@link Column}s of one export.
 *
 * <pre>{@code
 * Columns<Invoice> columns = Columns.<Invoice>builder()
 *         .integer("ID", Invoice::id, 8)
 *         .text("Número Factura", Invoice::number, 20)
 *         .money("Monto (USD)", Invoice::amount, 12)
 *         .date("Fecha Emisión", Invoice::issuedOn, 15)
 *         .yesNo("Requiere Revisión", Invoice::needsReview, "Sí", "No", 15)
 *         .build();
 * }</pre>
 *
 * <p>Thread-safety: immutable, safe to share and reuse across exports; the {@link Builder} is not thread-safe.
 *
 * @param <R> the row type
 */
public final class Columns<R> implements Iterable<Column<R>> {

    /** Excel's maximum number of columns. */
    public static final int MAX_COLUMNS = 16_384;

    private final List<Column<R>> list;

    private Columns(List<Column<R>> list) {
        this.list = List.copyOf(list);
        if (this.list.isEmpty()) {
            throw new IllegalArgumentException("columns must not be empty, was 0 columns");
        }
        if (this.list.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("columns must be <= " + MAX_COLUMNS + ", was " + this.list.size());
        }
    }

    /** The given columns, in order. */
    public static <R> Columns<R> of(List<Column<R>> columns) {
        Objects.requireNonNull(columns, "columns");
        return new Columns<>(columns);
    }

    /** The given columns, in order. */
    @SafeVarargs
    public static <R> Columns<R> of(Column<R>... columns) {
        return of(List.of(columns));
    }

    /** A builder; call as {@code Columns.<Invoice>builder()}. */
    public static <R> Builder<R> builder() {
        return new Builder<>();
    }

    /** The columns in order, unmodifiable. */
    public List<Column<R>> asList() {
        return list;
    }

    /** Number of columns. */
    public int size() {
        return list.size();
    }

    /** The column at {@code index} (0-based). */
    public Column<R> get(int index) {
        return list.get(index);
    }

    @Override
    public Iterator<Column<R>> iterator() {
        return list.iterator();
    }

    @Override
    public String toString() {
        return "Columns" + list.stream().map(Column::header).toList();
    }

    /**
     * Collects columns in order. Each {@code type(header, value, width)} method is a shortcut for
     * {@code add(Column.type(header, value).withWidth(width))}.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class Builder<R> {
        private final List<Column<R>> columns = new ArrayList<>();

        private Builder() {
        }

        public Builder<R> add(Column<R> column) {
            columns.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        public Builder<R> text(String header, Function<? super R, ?> value, double width) {
            return add(Column.<R>text(header, value).withWidth(width));
        }

        public Builder<R> integer(String header, Function<? super R, ? extends Number> value, double width) {
            return add(Column.<R>integer(header, value).withWidth(width));
        }

        public Builder<R> decimal(String header, Function<? super R, ? extends Number> value, double width) {
            return add(Column.<R>decimal(header, value).withWidth(width));
        }

        public Builder<R> money(String header, Function<? super R, ? extends Number> value, double width) {
            return add(Column.<R>money(header, value).withWidth(width));
        }

        public Builder<R> percent(String header, Function<? super R, ? extends Number> value, double width) {
            return add(Column.<R>percent(header, value).withWidth(width));
        }

        public Builder<R> date(String header, Function<? super R, ?> value, double width) {
            return add(Column.<R>date(header, value).withWidth(width));
        }

        public Builder<R> dateTime(String header, Function<? super R, ?> value, double width) {
            return add(Column.<R>dateTime(header, value).withWidth(width));
        }

        public Builder<R> bool(String header, Function<? super R, Boolean> value, double width) {
            return add(Column.<R>bool(header, value).withWidth(width));
        }

        public Builder<R> yesNo(String header, Function<? super R, Boolean> value, String yes, String no,
                                double width) {
            return add(Column.<R>yesNo(header, value, yes, no).withWidth(width));
        }

        /** The columns added so far; fails if there are none. */
        public Columns<R> build() {
            return new Columns<>(columns);
        }
    }
}
