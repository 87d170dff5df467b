package dev.kernelkit.purejava;

/**
 * The correlation sums of one extended line, in SciPy's exact order of operations, written so that HotSpot's C2
 * compiler turns the hot loops into SIMD code.
 *
 * <p>Contract: output {@code i} (0 &le; i &lt; m) is the sum over taps {@code k} of {@code w[k] * win[off + i + k]},
 * ordered as {@link Taps.Fold} describes. Every output is computed by the same sequence of double operations
 * whatever the block size, so results never depend on how lines are split into blocks or across threads.
 *
 * <h2>Why the loops look the way they do</h2>
 * The natural vector form, {@code acc[t] += (e[a + t] + e[b + t]) * w} with offsets {@code a, b} that change per tap,
 * is <em>not</em> vectorised by C2 (checked on JDK 25): it cannot prove that {@code acc} and {@code e} are different
 * arrays, and with unknown offsets a store could feed a later load. C2 does vectorise when every access in the loop
 * indexes the same array with the loop variable plus compile-time constants that keep stores clear of later loads.
 * So each block of outputs is worked on inside one scratch array {@link #s} split into regions at constant offsets:
 * <ul>
 *   <li>{@code X}, {@code X2}: the block's extended samples, twice, so that the left operand is aligned like the
 *       stores in both directions of the ping-pong below;</li>
 *   <li>{@code A0/A1}: the running sums, ping-ponged. The sum of output {@code t} sits at the index of the left operand
 *       of the current tap ({@code v = t + centre - j}) and moves one place right per tap, so the left operand is read
 *       straight from {@code X[v]} and the store lands at {@code A'[v + 1]} — a constant offset;</li>
 *   <li>{@code R0/R1}: the right operands of folded kernels, {@code R_j[v] = X[v + 2j]}, carried along in the same
 *       loop ({@code R_{j-1}[v + 2] = R_j[v]}) so no tap needs a separate copy.</li>
 * </ul>
 * Region offsets are chosen so that both stores of a tap and the load from {@code X}/{@code X2} share one alignment
 * (C2 aligns one of them; a moving sum cannot be aligned for both its load and its store; the second copy of X was
 * measured to gain about 9 % with AVX-512) and regions do not collide in the 4 KiB address aliasing of x86 load/store
 * units. Each tap loop has a tiny body (three loads, two stores), which C2 unrolls and vectorises under its default
 * limits; fused bodies of two or more taps were measured not to be. {@code Math.fma} is never used: SciPy rounds the
 * product and the sum separately.
 *
 * <p>Blocks shorter than {@link #MIN_VECTOR_BLOCK} and kernels too long for the regions use plain scalar loops in the
 * same order. Instances are not thread-safe: one per worker.
 */
final class CorrelationKernel {
    /** Outputs per block: the five regions a tap loop touches (5 × 4 KiB) stay in the L1 cache. */
    static final int BLOCK = 512;
    /** Below this many outputs the scalar loops are cheaper than setting up the regions. */
    static final int MIN_VECTOR_BLOCK = 48;
    /** Distance between regions, in doubles: a multiple of 8 (alignment) but not of 512 (4 KiB aliasing). */
    static final int PITCH = 8200;
    private static final int MARGIN = 8;
    private static final int A0 = PITCH + MARGIN;
    private static final int A1 = 2 * PITCH + MARGIN;
    /** One less than the A regions so that the stores {@code A'[v+1]} and {@code R'[v+2]} share an alignment. */
    private static final int R0 = 3 * PITCH + MARGIN - 1;
    private static final int R1 = 4 * PITCH + MARGIN - 1;
    /** Left operands: {@code X ≡ A1 + 1} (read while storing to A1) and {@code X2 ≡ A0 + 1}, modulo 8. */
    private static final int X = MARGIN + 1;
    private static final int X2 = 5 * PITCH + MARGIN + 1;
    /** Indices a region may use: the next region starts {@code PITCH} later, minus margins on both sides. */
    private static final int REGION_CAPACITY = PITCH - 2 * MARGIN;

    private final double[] s = new double[6 * PITCH + 2 * MARGIN];

    /**
     * Writes {@code m} outputs to {@code out[outOff ..]} from the extended samples {@code win[off .. off + m + K - 1)}.
     */
    void correlate(Taps taps, double[] win, int off, int m, double[] out, int outOff) {
        int k = taps.length();
        int block = Math.min(BLOCK, REGION_CAPACITY - k - 2);
        if (block < MIN_VECTOR_BLOCK || m < MIN_VECTOR_BLOCK) {
            scalar(taps, win, off, m, out, outOff);
            return;
        }
        for (int b = 0; b < m; b += block) {
            int mb = Math.min(block, m - b);
            if (mb < MIN_VECTOR_BLOCK) {
                scalar(taps, win, off + b, mb, out, outOff + b);
            } else if (taps.fold() == Taps.Fold.NONE) {
                plainBlock(taps, win, off + b, mb, out, outOff + b);
            } else {
                foldedBlock(taps, win, off + b, mb, out, outOff + b);
            }
        }
    }

    // ------------------------------------------------------------------ vector paths

    /** Symmetric or antisymmetric odd kernel: {@code acc = p0*w0; acc += (p[-j] ± p[j]) * w[c-j]}, j = size1..1. */
    private void foldedBlock(Taps taps, double[] win, int base, int mb, double[] out, int outOff) {
        double[] s = this.s;
        int size1 = taps.size1();
        boolean anti = taps.fold() == Taps.Fold.ANTISYMMETRIC;
        System.arraycopy(win, base, s, X, mb + 2 * size1);
        System.arraycopy(win, base, s, X2, mb + 2 * size1);
        double w0 = taps.weight(size1);
        int centre = base + size1;
        for (int v = 0; v < mb; v++) {
            s[A0 + v] = win[centre + v] * w0;
        }
        if (size1 == 0) {
            System.arraycopy(s, A0, out, outOff, mb);
            return;
        }
        System.arraycopy(win, base + 2 * size1, s, R0, mb); // R_size1[v] = X[v + 2*size1]
        int lo = 0;
        int j = size1;
        while (j >= 2) {
            double w = taps.weight(size1 - j);
            if (anti) {
                antiStep01(s, lo, lo + mb, w);
            } else {
                symStep01(s, lo, lo + mb, w);
            }
            lo++;
            j--;
            s[R1 + lo] = s[X + lo + 2 * j]; // the one right operand the carried copy lacks
            w = taps.weight(size1 - j);
            if (anti) {
                antiStep10(s, lo, lo + mb, w);
            } else {
                symStep10(s, lo, lo + mb, w);
            }
            lo++;
            j--;
            s[R0 + lo] = s[X + lo + 2 * j];
        }
        int sums = A0;
        if (j == 1) {
            double w = taps.weight(size1 - 1);
            if (anti) {
                antiStep01(s, lo, lo + mb, w);
            } else {
                symStep01(s, lo, lo + mb, w);
            }
            lo++;
            sums = A1;
        }
        System.arraycopy(s, sums + lo, out, outOff, mb);
    }

    /** Unfolded kernel: {@code acc = p[K-1]*w[K-1]; acc += p[k]*w[k]}, k = 0..K-2. */
    private void plainBlock(Taps taps, double[] win, int base, int mb, double[] out, int outOff) {
        double[] s = this.s;
        int last = taps.length() - 1;
        System.arraycopy(win, base, s, X, mb + last);
        System.arraycopy(win, base, s, X2, mb + last);
        double wl = taps.weight(last);
        for (int v = 0; v < mb; v++) {
            s[A0 + v] = win[base + last + v] * wl;
        }
        int lo = 0;
        int k = 0;
        while (k + 1 < last) {
            plainStep01(s, lo, lo + mb, taps.weight(k));
            lo++;
            k++;
            plainStep10(s, lo, lo + mb, taps.weight(k));
            lo++;
            k++;
        }
        int sums = A0;
        if (k < last) {
            plainStep01(s, lo, lo + mb, taps.weight(k));
            lo++;
            sums = A1;
        }
        System.arraycopy(s, sums + lo, out, outOff, mb);
    }

    // One tap each. "01" reads X/A0/R0 and writes A1/R1, "10" reads X2/A1/R1 and writes A0/R0; the region constants
    // must stay compile-time constants for C2 to vectorise.

    private static void symStep01(double[] s, int lo, int hi, double w) {
        for (int v = lo; v < hi; v++) {
            double r = s[R0 + v];
            s[A1 + v + 1] = s[A0 + v] + (s[X + v] + r) * w;
            s[R1 + v + 2] = r;
        }
    }

    private static void symStep10(double[] s, int lo, int hi, double w) {
        for (int v = lo; v < hi; v++) {
            double r = s[R1 + v];
            s[A0 + v + 1] = s[A1 + v] + (s[X2 + v] + r) * w;
            s[R0 + v + 2] = r;
        }
    }

    private static void antiStep01(double[] s, int lo, int hi, double w) {
        for (int v = lo; v < hi; v++) {
            double r = s[R0 + v];
            s[A1 + v + 1] = s[A0 + v] + (s[X + v] - r) * w;
            s[R1 + v + 2] = r;
        }
    }

    private static void antiStep10(double[] s, int lo, int hi, double w) {
        for (int v = lo; v < hi; v++) {
            double r = s[R1 + v];
            s[A0 + v + 1] = s[A1 + v] + (s[X2 + v] - r) * w;
            s[R0 + v + 2] = r;
        }
    }

    private static void plainStep01(double[] s, int lo, int hi, double w) {
        for (int v = lo; v < hi; v++) {
            s[A1 + v + 1] = s[A0 + v] + s[X + v] * w;
        }
    }

    private static void plainStep10(double[] s, int lo, int hi, double w) {
        for (int v = lo; v < hi; v++) {
            s[A0 + v + 1] = s[A1 + v] + s[X2 + v] * w;
        }
    }

    // ------------------------------------------------------------------ scalar paths (same order of operations)

    static void scalar(Taps taps, double[] win, int off, int m, double[] out, int outOff) {
        if (taps.fold() == Taps.Fold.NONE) {
            scalarPlain(taps, win, off, m, out, outOff);
        } else {
            scalarFolded(taps, win, off, m, out, outOff);
        }
    }

    private static void scalarFolded(Taps taps, double[] win, int off, int m, double[] out, int outOff) {
        int size1 = taps.size1();
        double w0 = taps.weight(size1);
        boolean anti = taps.fold() == Taps.Fold.ANTISYMMETRIC;
        int i = 0;
        // Four outputs at a time: independent sums keep both FP units busy; each sum keeps its own order.
        for (; i + 4 <= m; i += 4) {
            int p = off + i + size1;
            double a0 = win[p] * w0;
            double a1 = win[p + 1] * w0;
            double a2 = win[p + 2] * w0;
            double a3 = win[p + 3] * w0;
            for (int j = size1; j >= 1; j--) {
                double w = taps.weight(size1 - j);
                if (anti) {
                    a0 += (win[p - j] - win[p + j]) * w;
                    a1 += (win[p + 1 - j] - win[p + 1 + j]) * w;
                    a2 += (win[p + 2 - j] - win[p + 2 + j]) * w;
                    a3 += (win[p + 3 - j] - win[p + 3 + j]) * w;
                } else {
                    a0 += (win[p - j] + win[p + j]) * w;
                    a1 += (win[p + 1 - j] + win[p + 1 + j]) * w;
                    a2 += (win[p + 2 - j] + win[p + 2 + j]) * w;
                    a3 += (win[p + 3 - j] + win[p + 3 + j]) * w;
                }
            }
            out[outOff + i] = a0;
            out[outOff + i + 1] = a1;
            out[outOff + i + 2] = a2;
            out[outOff + i + 3] = a3;
        }
        for (; i < m; i++) {
            int p = off + i + size1;
            double a = win[p] * w0;
            for (int j = size1; j >= 1; j--) {
                double w = taps.weight(size1 - j);
                a += (anti ? win[p - j] - win[p + j] : win[p - j] + win[p + j]) * w;
            }
            out[outOff + i] = a;
        }
    }

    private static void scalarPlain(Taps taps, double[] win, int off, int m, double[] out, int outOff) {
        int last = taps.length() - 1;
        double wl = taps.weight(last);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int q = off + i;
            double a0 = win[q + last] * wl;
            double a1 = win[q + 1 + last] * wl;
            double a2 = win[q + 2 + last] * wl;
            double a3 = win[q + 3 + last] * wl;
            for (int k = 0; k < last; k++) {
                double w = taps.weight(k);
                a0 += win[q + k] * w;
                a1 += win[q + 1 + k] * w;
                a2 += win[q + 2 + k] * w;
                a3 += win[q + 3 + k] * w;
            }
            out[outOff + i] = a0;
            out[outOff + i + 1] = a1;
            out[outOff + i + 2] = a2;
            out[outOff + i + 3] = a3;
        }
        for (; i < m; i++) {
            int q = off + i;
            double a = win[q + last] * wl;
            for (int k = 0; k < last; k++) {
                a += win[q + k] * taps.weight(k);
            }
            out[outOff + i] = a;
        }
    }
}
