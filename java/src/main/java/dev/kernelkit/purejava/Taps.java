package dev.kernelkit.purejava;

/**
 * Correlation weights with the facts SciPy's {@code NI_Correlate1D} derives from them: the split around the centre
 * tap ({@code size1 = K/2} taps before it, {@code size2 = K - size1 - 1} after) and whether an odd-length kernel is
 * folded as symmetric or antisymmetric.
 *
 * <p>SciPy calls weights symmetric when {@code |w[c+k] - w[c-k]| <= DBL_EPSILON} for every k (an absolute tolerance,
 * not equality), and then uses only the left weight {@code w[c-k]} for both sides; antisymmetric likewise with
 * {@code |w[c+k] + w[c-k]|}. The choice changes the order of the additions and so the rounding: to be bit-identical
 * with SciPy the same test is made here.
 */
final class Taps {
    /** How the sum is ordered. */
    enum Fold {
        /** {@code acc = p0*w0; acc += (p[-k] + p[k]) * w[c-k]} for k = size1..1. */
        SYMMETRIC,
        /** {@code acc = p0*w0; acc += (p[-k] - p[k]) * w[c-k]} for k = size1..1. */
        ANTISYMMETRIC,
        /** {@code acc = p[size2]*w[K-1]; acc += p[j]*w[j]} for j = -size1..size2-1. */
        NONE
    }

    /** C's DBL_EPSILON, the tolerance SciPy's symmetry test uses. */
    static final double DBL_EPSILON = Math.ulp(1.0);

    private final double[] weights;
    private final int size1;
    private final int size2;
    private final Fold fold;

    Taps(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("weights: must hold at least one value");
        }
        this.weights = weights.clone();
        this.size1 = weights.length / 2;
        this.size2 = weights.length - size1 - 1;
        this.fold = classify(this.weights, size1);
    }

    private static Fold classify(double[] w, int size1) {
        if (w.length % 2 == 0) {
            return Fold.NONE;
        }
        // Written as "not (difference > eps)" so that NaN weights count as symmetric, as in SciPy's C test.
        boolean symmetric = true;
        for (int k = 1; k <= size1 && symmetric; k++) {
            if (Math.abs(w[size1 + k] - w[size1 - k]) > DBL_EPSILON) {
                symmetric = false;
            }
        }
        if (symmetric) {
            return Fold.SYMMETRIC;
        }
        for (int k = 1; k <= size1; k++) {
            if (Math.abs(w[size1 + k] + w[size1 - k]) > DBL_EPSILON) {
                return Fold.NONE;
            }
        }
        return Fold.ANTISYMMETRIC;
    }

    /** Number of weights, K. */
    int length() {
        return weights.length;
    }

    /** Taps before the centre, {@code K/2}. */
    int size1() {
        return size1;
    }

    /** Taps after the centre, {@code K - K/2 - 1}. */
    int size2() {
        return size2;
    }

    Fold fold() {
        return fold;
    }

    /** Weight {@code j} (0-based, as given). */
    double weight(int j) {
        return weights[j];
    }
}
