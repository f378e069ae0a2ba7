package io.nextops.export.xlsx;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Excel serial numbers of local dates and date-times (1900 date system, with Excel's 1900 leap-year bug), the same
 * values fastexcel 0.19 computed: days since 1899-12-31, plus one from 1900-03-01 on, plus the fraction of the day to
 * the millisecond. Years before 1900 give {@code -1}, as there.
 *
 * <p>Thread-safety: stateless.
 */
final class ExcelDates {

    static final double BAD_DATE = -1;

    private ExcelDates() {
    }

    /** Whole days: the serial of a date (or {@code -1}). */
    static long serial(LocalDate date) {
        int year = date.getYear();
        if (year < 1900) {
            return (long) BAD_DATE;
        }
        long days = absoluteDay(year, date.getDayOfYear());
        return days >= 60 ? days + 1 : days;
    }

    static double serial(LocalDateTime t) {
        int year = t.getYear();
        if (year < 1900) {
            return BAD_DATE;
        }
        double fraction = ((t.getHour() * 60.0 + t.getMinute()) * 60.0 + t.getSecond()) * 1000.0
                + t.getNano() / 1_000_000;
        double value = fraction / 8.64E7 + absoluteDay(year, t.getDayOfYear());
        return value >= 60 ? value + 1 : value;
    }

    private static int absoluteDay(int year, int dayOfYear) {
        int prior = year - 1;
        int leapDays = prior / 4 - prior / 100 + prior / 400 - 460;
        return dayOfYear + 365 * (year - 1900) + leapDays;
    }
}
