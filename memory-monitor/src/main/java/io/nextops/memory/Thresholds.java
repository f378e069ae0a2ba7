package io.nextops.memory;

import java.util.OptionalLong;

/**
 * The RSS bands that turn a memory reading into a {@link MemoryStatus}.
 *
 * <p>Two ways to draw the bands:
 * <ul>
 *   <li><b>relative to the budget</b> (the default, {@link #defaults()}): RSS below 50% of the budget is
 *       {@code EXCELLENT}, below 70% {@code GOOD}, below 85% {@code WARNING}, otherwise {@code CRITICAL}. The budget is
 *       the container memory limit and/or the configured {@code MEMORY_BUDGET_MB}, see {@link MemoryConfig}. When no
 *       budget is known the absolute bands below are used instead.</li>
 *   <li><b>absolute</b> ({@link #absoluteMb(long, long, long)}): fixed RSS limits in MB; the original
 *       {@code check_memory.py} used {@code absoluteMb(500, 1000, 1500)}, which are also the default fallback bands.</li>
 * </ul>
 * Each bound is exclusive: an RSS exactly at a bound falls into the next, worse band. MB means MiB (2^20 bytes).
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param relativeToBudget      whether the fraction bands apply when a budget is known
 * @param excellentBelowFraction RSS/budget below this is EXCELLENT
 * @param goodBelowFraction      RSS/budget below this is GOOD
 * @param warningBelowFraction   RSS/budget below this is WARNING, else CRITICAL
 * @param excellentBelowMb       absolute band: RSS below this many MB is EXCELLENT
 * @param goodBelowMb            absolute band: RSS below this many MB is GOOD
 * @param warningBelowMb         absolute band: RSS below this many MB is WARNING, else CRITICAL
 */
public record Thresholds(boolean relativeToBudget,
                         double excellentBelowFraction, double goodBelowFraction, double warningBelowFraction,
                         long excellentBelowMb, long goodBelowMb, long warningBelowMb) {

    public Thresholds {
        requireFraction("excellentBelowFraction", excellentBelowFraction);
        requireFraction("goodBelowFraction", goodBelowFraction);
        requireFraction("warningBelowFraction", warningBelowFraction);
        if (!(excellentBelowFraction < goodBelowFraction && goodBelowFraction < warningBelowFraction)) {
            throw new IllegalArgumentException("fractions must increase: excellentBelowFraction < goodBelowFraction"
                    + " < warningBelowFraction, was " + excellentBelowFraction + ", " + goodBelowFraction + ", "
                    + warningBelowFraction);
        }
        if (excellentBelowMb < 1) {
            throw new IllegalArgumentException("excellentBelowMb must be >= 1, was " + excellentBelowMb);
        }
        if (!(excellentBelowMb < goodBelowMb && goodBelowMb < warningBelowMb)) {
            throw new IllegalArgumentException("MB bands must increase: excellentBelowMb < goodBelowMb"
                    + " < warningBelowMb, was " + excellentBelowMb + ", " + goodBelowMb + ", " + warningBelowMb);
        }
        Units.mbToBytes(warningBelowMb); // overflow check
    }

    private static void requireFraction(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }

    /** Relative bands 0.50 / 0.70 / 0.85 of the budget; absolute 500 / 1000 / 1500 MB when no budget is known. */
    public static Thresholds defaults() {
        return relative(0.50, 0.70, 0.85);
    }

    /** Fraction-of-budget bands, with the original absolute bands as the fallback when no budget is known. */
    public static Thresholds relative(double excellentBelow, double goodBelow, double warningBelow) {
        // the original check_memory.py bands
        return new Thresholds(true, excellentBelow, goodBelow, warningBelow, 500, 1000, 1500);
    }

    /** Absolute RSS bands in MB whatever the budget; {@code absoluteMb(500, 1000, 1500)} is the original. */
    public static Thresholds absoluteMb(long excellentBelowMb, long goodBelowMb, long warningBelowMb) {
        return new Thresholds(false, 0.50, 0.70, 0.85, excellentBelowMb, goodBelowMb, warningBelowMb);
    }

    /** Same relative bands, other absolute bands for when no budget is known. */
    public Thresholds withFallbackMb(long excellentBelowMb, long goodBelowMb, long warningBelowMb) {
        return new Thresholds(relativeToBudget, excellentBelowFraction, goodBelowFraction, warningBelowFraction,
                excellentBelowMb, goodBelowMb, warningBelowMb);
    }

    /** Whether {@link #classify} will use the fraction bands for this budget. */
    public boolean usesBudget(OptionalLong budgetBytes) {
        return relativeToBudget && budgetBytes.isPresent();
    }

    /**
     * The status of an RSS reading.
     *
     * @param rssBytes    resident set size; a negative (unknown) value gives {@code EXCELLENT}, as nothing is known
     *                    to be wrong
     * @param budgetBytes the memory budget, if one is known
     */
    public MemoryStatus classify(long rssBytes, OptionalLong budgetBytes) {
        if (rssBytes < 0) {
            return MemoryStatus.EXCELLENT;
        }
        long[] bounds = boundsBytes(budgetBytes);
        if (rssBytes < bounds[0]) {
            return MemoryStatus.EXCELLENT;
        }
        if (rssBytes < bounds[1]) {
            return MemoryStatus.GOOD;
        }
        if (rssBytes < bounds[2]) {
            return MemoryStatus.WARNING;
        }
        return MemoryStatus.CRITICAL;
    }

    /** The three exclusive upper bounds in bytes (EXCELLENT, GOOD, WARNING) for this budget. */
    long[] boundsBytes(OptionalLong budgetBytes) {
        if (usesBudget(budgetBytes)) {
            long budget = budgetBytes.getAsLong();
            // rounded once to whole bytes so that "exactly at the bound" is well defined
            return new long[] {
                Math.round(excellentBelowFraction * budget),
                Math.round(goodBelowFraction * budget),
                Math.round(warningBelowFraction * budget)};
        }
        return new long[] {
            Units.mbToBytes(excellentBelowMb), Units.mbToBytes(goodBelowMb), Units.mbToBytes(warningBelowMb)};
    }
}
