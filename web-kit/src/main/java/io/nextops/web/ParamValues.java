package io.nextops.web;

import io.nextops.web.route.Param;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lexical rules of typed query values, ASCII only, and the type check of one value. Stateless and thread-safe. */
final class ParamValues {
    /** Smallest and largest year accepted in a date: both PostgreSQL and {@code java.time} take this range. */
    static final int MIN_YEAR = 1;
    static final int MAX_YEAR = 9999;

    private ParamValues() {}

    /** 1 to 18 ASCII digits, value at least 1. */
    static boolean isId(String v) {
        return v.length() <= 18 && asciiDigits(v, 0) && Long.parseLong(v) >= 1;
    }

    /** An optional {@code -} and 1 to 10 ASCII digits, within the int range. */
    static boolean isInteger(String v) {
        int start = v.startsWith("-") ? 1 : 0;
        if (v.length() - start > 10 || !asciiDigits(v, start)) {
            return false;
        }
        long n = Long.parseLong(v);
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
    }

    /** Null for a valid {@code YYYY-MM-DD} date of year 1 to 9999, else the message. */
    static String dateProblem(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-' || !asciiDigits(v.substring(0, 4), 0)
                || !asciiDigits(v.substring(5, 7), 0) || !asciiDigits(v.substring(8), 0)) {
            return "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";
        }
        int year = Integer.parseInt(v.substring(0, 4));
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return "Date is out of range: the year must be between " + MIN_YEAR + " and " + MAX_YEAR + ".";
        }
        try {
            LocalDate.of(year, Integer.parseInt(v.substring(5, 7)), Integer.parseInt(v.substring(8)));
            return null;
        } catch (DateTimeException e) {
            return "Date is not a calendar day: " + v + ".";
        }
    }

    /** {@code s} without the ASCII spaces at either end (not tabs, not NUL, not other whitespace). */
    static String stripSpaces(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean asciiDigits(String v, int from) {
        if (v.length() <= from) {
            return false;
        }
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with {@code v} as a value of {@code p}, or null when it is accepted (an empty value is absent, so
     * accepted). The type rules of {@link Params}, without a handler's own choices.
     */
    static String problem(Param p, String v) {
        if (v.isEmpty()) {
            return null;
        }
        if (v.indexOf('\0') >= 0) {
            return "Null characters are not allowed.";
        }
        if (v.codePointCount(0, v.length()) > Params.MAX_TEXT) {
            return "Ensure this value has at most " + Params.MAX_TEXT + " characters.";
        }
        return switch (p.type()) {
            case TEXT, TEXT_LIST, FLAG -> null;
            case ID -> isId(v) ? null : "A valid integer id is required (1 to 18 ASCII digits).";
            case INTEGER -> isInteger(v) ? null : "A valid integer is required.";
            case DATE -> dateProblem(v);
            case CHOICE -> p.choices().stream().anyMatch(c -> c.equalsIgnoreCase(v)) ? null : notAChoice(v);
            case CHOICE_LIST -> termsProblem(p, v, false);
            case ORDERING -> termsProblem(p, v, true);
        };
    }

    private static String termsProblem(Param p, String v, boolean ordering) {
        List<String> terms = terms(v);
        if (terms.size() > Params.MAX_TERMS) {
            return "Ensure there are at most " + Params.MAX_TERMS + " comma-separated values.";
        }
        for (String t : terms) {
            String field = ordering && t.startsWith("-") ? t.substring(1) : t;
            boolean known = ordering ? p.choices().contains(field)
                    : p.choices().stream().anyMatch(c -> c.equalsIgnoreCase(field));
            if (!known) {
                return notAChoice(t);
            }
        }
        return null;
    }

    /** The message for a value that is not one of the accepted choices. */
    static String notAChoice(String v) {
        return "\"" + printable(v) + "\" is not a valid choice.";
    }

    /** The value as it may appear in a message: control characters as {@code \\uXXXX}, at most 64 characters. */
    static String printable(String v) {
        StringBuilder b = new StringBuilder();
        v.codePoints().limit(64).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** Comma-separated terms without the spaces around them; empty terms dropped. */
    static List<String> terms(String v) {
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String t = stripSpaces(part);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
