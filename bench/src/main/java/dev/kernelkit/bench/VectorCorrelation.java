package dev.kernelkit.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The direct correlation of a padded line with the Vector API, one SIMD register of neighbouring outputs at a time,
 * each output summed in SciPy's order ({@code NI_Correlate1D}) so the results are bit-identical to SciPy's:
 * <ul>
 *   <li>symmetric weights (|w[c+k] - w[c-k]| &lt;= DBL_EPSILON for all k): {@code acc = x0*w[c]}, then
 *       {@code acc += (x[-k] + x[k]) * w[c-k]} for k = size1 down to 1;</li>
 *   <li>antisymmetric (|w[c+k] + w[c-k]| &lt;= DBL_EPSILON): the same with {@code x[-k] - x[k]};</li>
 *   <li>otherwise {@code acc = x[size2]*w[K-1]}, then {@code acc += x[j]*w[c+j]} for j = -size1 .. size2-1.</li>
 * </ul>
 * Multiplies and adds stay separate (no FMA), as in SciPy's C.
 */
final class VectorCorrelation {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double DBL_EPSILON = Math.ulp(1.0);

    private enum Fold { SYMMETRIC, ANTISYMMETRIC, NONE }

    private final double[] w;
    private final int size1;
    private final int size2;
    private final Fold fold;

    VectorCorrelation(double[] weights) {
        this.w = weights.clone();
        this.size1 = w.length / 2;
        this.size2 = w.length - size1 - 1;
        this.fold = w.length % 2 == 0 ? Fold.NONE
                : withinEpsilon(+1) ? Fold.SYMMETRIC
                : withinEpsilon(-1) ? Fold.ANTISYMMETRIC : Fold.NONE;
    }

    /** True when |w[c+k] + sign*(-w[c-k])| &lt;= DBL_EPSILON for every k; written so NaN passes, as SciPy's test. */
    private boolean withinEpsilon(int sign) {
        for (int k = 1; k <= size1; k++) {
            if (Math.abs(w[size1 + k] - sign * w[size1 - k]) > DBL_EPSILON) {
                return false;
            }
        }
        return true;
    }

    int size1() {
        return size1;
    }

    /** {@code out[i]} for i in 0..n-1 from {@code padded}, whose element {@code i + size1} is output i's centre. */
    void apply(double[] padded, double[] out, int n) {
        int lanes = SPECIES.length();
        int i = 0;
        if (fold == Fold.SYMMETRIC) {
            for (; i + 4 * lanes <= n; i += 4 * lanes) {
                symmetricBlock4(padded, out, i, lanes);
            }
        }
        for (; i + lanes <= n; i += lanes) {
            vectorBlock(padded, out, i);
        }
        for (; i < n; i++) {
            out[i] = scalar(padded, i + size1);
        }
    }

    /**
     * Four registers of outputs at once in the symmetric case (Gaussians): four independent chains of additions
     * hide the adder's latency, and each weight is read once for all four. Each output keeps SciPy's order.
     */
    private void symmetricBlock4(double[] x, double[] out, int i, int lanes) {
        int c = i + size1;
        double w0 = w[size1];
        DoubleVector a0 = load(x, c).mul(w0);
        DoubleVector a1 = load(x, c + lanes).mul(w0);
        DoubleVector a2 = load(x, c + 2 * lanes).mul(w0);
        DoubleVector a3 = load(x, c + 3 * lanes).mul(w0);
        for (int k = size1; k >= 1; k--) {
            double wk = w[size1 - k];
            int l = c - k;
            int r = c + k;
            a0 = a0.add(load(x, l).add(load(x, r)).mul(wk));
            a1 = a1.add(load(x, l + lanes).add(load(x, r + lanes)).mul(wk));
            a2 = a2.add(load(x, l + 2 * lanes).add(load(x, r + 2 * lanes)).mul(wk));
            a3 = a3.add(load(x, l + 3 * lanes).add(load(x, r + 3 * lanes)).mul(wk));
        }
        a0.intoArray(out, i);
        a1.intoArray(out, i + lanes);
        a2.intoArray(out, i + 2 * lanes);
        a3.intoArray(out, i + 3 * lanes);
    }

    // Three separate loops: merging vectors of different branches into one variable (a phi) would make C2 box them.
    private void vectorBlock(double[] x, double[] out, int i) {
        int c = i + size1;
        DoubleVector acc;
        switch (fold) {
            case SYMMETRIC -> {
                acc = load(x, c).mul(w[size1]);
                for (int k = size1; k >= 1; k--) {
                    acc = acc.add(load(x, c - k).add(load(x, c + k)).mul(w[size1 - k]));
                }
            }
            case ANTISYMMETRIC -> {
                acc = load(x, c).mul(w[size1]);
                for (int k = size1; k >= 1; k--) {
                    acc = acc.add(load(x, c - k).sub(load(x, c + k)).mul(w[size1 - k]));
                }
            }
            default -> {
                acc = load(x, c + size2).mul(w[w.length - 1]);
                for (int j = -size1; j < size2; j++) {
                    acc = acc.add(load(x, c + j).mul(w[size1 + j]));
                }
            }
        }
        acc.intoArray(out, i);
    }

    private double scalar(double[] x, int c) {
        double acc;
        if (fold == Fold.NONE) {
            acc = x[c + size2] * w[w.length - 1];
            for (int j = -size1; j < size2; j++) {
                acc += x[c + j] * w[size1 + j];
            }
            return acc;
        }
        acc = x[c] * w[size1];
        boolean sym = fold == Fold.SYMMETRIC;
        for (int k = size1; k >= 1; k--) {
            acc += (sym ? x[c - k] + x[c + k] : x[c - k] - x[c + k]) * w[size1 - k];
        }
        return acc;
    }

    private static DoubleVector load(double[] x, int at) {
        return DoubleVector.fromArray(SPECIES, x, at);
    }
}
