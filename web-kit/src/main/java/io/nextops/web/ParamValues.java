package io.nextops.web;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The lexical rules of typed query values, ASCII only. Stateless and thread-safe. */
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
}
