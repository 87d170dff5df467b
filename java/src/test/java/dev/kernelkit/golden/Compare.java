package dev.kernelkit.golden;

import dev.kernelkit.DType;
import java.util.Arrays;

/**
 * Value comparisons with failure messages that say where and by how much: the context (case, backend, threads,
 * layout), the worst element's index and both values, and the tolerance used.
 */
final class Compare {
    /** Issue 2's tolerance against SciPy, relative to max|expected|. */
    static final double F64_TOLERANCE = 1e-12;
    static final double F32_TOLERANCE = 1e-5;
    /** Arrays up to this size are printed whole in a failure message. */
    private static final int SHOW_ALL = 60;

    private Compare() {
    }

    /** Fails the test with {@code problem} unless it is null. */
    static void ok(String problem) {
        if (problem != null) {
            org.junit.jupiter.api.Assertions.fail(problem);
        }
    }

    /**
     * The allowed max|diff|: the dtype's tolerance times max|expected| — raised to {@code terms}, the magnitude of the
     * numbers each output sums, where SciPy's result is a cancellation far smaller than its terms (a rounding
     * difference of one ulp in a term is then already more than max|expected| allows); 1 when both are zero.
     */
    static double tolerance(DType dtype, double[] expected, double terms) {
        double scale = terms;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        if (scale == 0) {
            scale = 1;
        }
        return (dtype == DType.F64 ? F64_TOLERANCE : F32_TOLERANCE) * scale;
    }

    /**
     * Null when every |actual − expected| is within {@link #tolerance} (NaN never is); otherwise what went wrong.
     *
     * @param terms the case's {@link GoldenCase#terms()}
     */
    static String mismatch(String context, DType dtype, long[] shape, double[] expected, double terms,
                           double[] actual) {
        if (actual.length != expected.length) {
            return context + ": " + actual.length + " values, expected " + expected.length;
        }
        double tol = tolerance(dtype, expected, terms);
        int worst = 0;
        double worstRank = -1; // |diff|, with NaN ranked worst of all
        int bad = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            if (!(diff <= tol)) {
                bad++;
            }
            double rank = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
            if (rank > worstRank) {
                worst = i;
                worstRank = rank;
            }
        }
        if (bad == 0) {
            return null;
        }
        String message = context + ": " + bad + " of " + expected.length + " elements differ by more than " + tol
                + " (terms " + terms + "); worst at " + index(shape, worst) + ": expected " + expected[worst] + ", got "
                + actual[worst] + " (|diff| " + Math.abs(actual[worst] - expected[worst]) + ")";
        if (expected.length <= SHOW_ALL) {
            message += "\n  expected " + Arrays.toString(expected) + "\n  actual   " + Arrays.toString(actual);
        }
        return message;
    }

    /** Null when both hold the same bits (NaNs alike, +0.0 and -0.0 distinct); otherwise the first difference. */
    static String bitDifference(String context, long[] shape, double[] a, double[] b) {
        int differing = 0;
        int first = -1;
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                differing++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (differing == 0) {
            return null;
        }
        return context + ": " + differing + " of " + a.length + " elements are not bit-identical; first at "
                + index(shape, first) + ": " + a[first] + " vs " + b[first];
    }

    /** The C-order multi-index of a flat position, e.g. "[1, 0, 4] (flat 24)". */
    static String index(long[] shape, int flat) {
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        return Arrays.toString(idx) + " (flat " + flat + ")";
    }
}
