package dev.pipelog.ui.statistics;

import javafx.scene.chart.NumberAxis;

/**
 * A value axis for counts and percentages: ticks on whole round steps (1, 2, 5 × 10ⁿ), from 0 to
 * the first step at or above the largest value, never past {@code cap}. JavaFX's own auto-ranging
 * put ticks at 2.5 and 7.5 errors and ran the error rate to 110 %.
 */
final class CountAxis {
    static final int MAX_TICKS = 6;

    private CountAxis() {
    }

    /** The tick step for values up to {@code max}: whole, round, at most {@link #MAX_TICKS} steps. */
    static long step(double max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (max / (step * m) <= MAX_TICKS) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /** The upper bound: the first step at or above {@code max} (at least one step), but no more than {@code cap}. */
    static double upper(double max, double cap) {
        long step = step(max);
        return Math.min(cap, Math.max(step, Math.ceil(max / step) * step));
    }

    static void fit(NumberAxis axis, double max, double cap) {
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        axis.setUpperBound(upper(max, cap));
        axis.setTickUnit(step(max));
        axis.setMinorTickVisible(false);
    }
}
