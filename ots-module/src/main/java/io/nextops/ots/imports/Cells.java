package io.nextops.ots.imports;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cell values as the import reads them. A cell is a {@code String} (text), a {@link BigDecimal} (an XLSX number,
 * dates included, which Excel stores as serial numbers), a {@link LocalDateTime}, or null (empty). Thread-safe
 * (stateless).
 */
final class Cells {
    /** Day 0 of Excel's 1900 date system (serial 1 is 1900-01-01; 1900-02-29 does not exist but is counted). */
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);
    /** dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy, with an optional time after it. */
    private static final Pattern DMY = Pattern.compile("^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})(?:[ T].*)?$");
    /** yyyy-mm-dd or yyyy/mm/dd, with an optional time after it (pandas writes "2025-03-01 00:00:00"). */
    private static final Pattern YMD = Pattern.compile("^(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})(?:[ T].*)?$");
    private static final Pattern SERIAL = Pattern.compile("^\\d{1,6}(?:\\.\\d+)?$");
    /** What separates containers (and HBLs) in one cell: commas, semicolons, slashes, pipes, line breaks. */
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;/|\\r\\n\\t]+");
    /** HBLs are split on explicit separators only: the export joins them with ", ". */
    private static final Pattern HBL_SEPARATORS = Pattern.compile("[,;|\\r\\n\\t]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A container number written with inner spaces or a dash: "MSCU 123456-7", "MSCU 1234567". */
    private static final Pattern SPACED_CONTAINER = Pattern.compile("^[A-Za-z]{4}[\\s-]*\\d{6}[\\s-]*\\d$");

    private Cells() {}

    /** The cell as trimmed text; numbers without a trailing ".0"; empty for null. */
    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof BigDecimal n) {
            return n.stripTrailingZeros().toPlainString();
        }
        if (cell instanceof LocalDateTime dt) {
            return dt.toLocalDate().toString();
        }
        return unquote(cell.toString()).strip();
    }

    /**
     * Text without the leading {@code '} an export puts before {@code = + - @}, tab or CR against formula injection
     * (export-core's CellValues.neutralize), so that an exported file re-imports unchanged.
     */
    static String unquote(String s) {
        if (s.length() > 1 && s.charAt(0) == '\'') {
            char c = s.charAt(1);
            if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
                return s.substring(1);
            }
        }
        return s;
    }

    /**
     * The cell as a date: an Excel serial number (a numeric cell, or text holding only the number), a date-time, or
     * text as dd/mm/yyyy or yyyy-mm-dd (also with '-' or '.' and a trailing time). Null for an empty cell.
     *
     * @throws IllegalArgumentException when the cell holds something else, naming the value
     */
    static LocalDate date(Object cell, boolean date1904) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof LocalDateTime dt) {
            return dt.toLocalDate();
        }
        if (cell instanceof BigDecimal n) {
            return serial(n, date1904, cell);
        }
        String s = cell.toString().strip();
        if (s.isEmpty() || s.equals("-") || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("nat")) {
            return null;
        }
        try {
            Matcher m = DMY.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1)));
            }
            m = YMD.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("fecha inválida \"" + s + "\"", e);
        }
        if (SERIAL.matcher(s).matches()) {
            return serial(new BigDecimal(s), date1904, s);
        }
        throw new IllegalArgumentException("fecha inválida \"" + s + "\" (formatos: dd/mm/aaaa, aaaa-mm-dd o fecha de Excel)");
    }

    private static LocalDate serial(BigDecimal n, boolean date1904, Object shown) {
        long days = n.longValue();
        // 1..2958465 is 1900-01-01..9999-12-31, the range Excel itself accepts
        if (days < 1 || days > 2_958_465) {
            throw new IllegalArgumentException("fecha inválida \"" + text(shown) + "\" (número de fecha de Excel fuera de rango)");
        }
        return (date1904 ? EPOCH_1904 : EPOCH_1900).plusDays(days);
    }

    /**
     * The items of a list cell (containers, HBLs) split on commas, semicolons, slashes, pipes and line breaks; inside
     * one piece, whitespace separates items too unless the piece is one container written with spaces
     * ("MSCU 123456 7"). Items are trimmed; empty ones dropped; order kept.
     */
    static List<String> list(Object cell) {
        String s = text(cell);
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String piece : LIST_SEPARATORS.split(s)) {
            String p = piece.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (SPACED_CONTAINER.matcher(p).matches()) {
                out.add(p);
                continue;
            }
            for (String item : SPACES.split(p)) {
                if (!item.isEmpty()) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    /** The items of an HBL cell: as {@link #list} but only on explicit separators (comma, semicolon, pipe, line break; never spaces or slashes). */
    static List<String> hbls(Object cell) {
        String s = text(cell);
        List<String> out = new ArrayList<>();
        for (String piece : HBL_SEPARATORS.split(s)) {
            String p = piece.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
