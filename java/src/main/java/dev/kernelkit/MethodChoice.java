package dev.kernelkit;

import dev.kernelkit.purejava.JavaBackend;

/**
 * The cost model behind {@link Method#AUTO}, in the spirit of SciPy's {@code choose_conv_method}: estimated times of
 * the direct and the FFT method from the problem's size, and the cheaper one wins. The choice is a deterministic
 * function of (backend kind, dtype, number of weights, line length, number of lines); nothing is timed at run time,
 * so the same call always takes the same method (and gives the same bits).
 *
 * <p>Model, in nanoseconds per call, for {@code lines} lines of n samples filtered with m weights:
 * <pre>
 *   direct = lines · n · (A + D · m)         (extending and storing each sample, one multiply-add per weight)
 *   fft    = lines · (F · ops(n, m) + P) + C  (the overlap-save's transforms, per-line set-up, per-call set-up)
 * </pre>
 * where {@link #fftOperations ops(n, m)} counts the overlap-save's work with the block length both FFT
 * implementations choose. The constants are fits (robust, in log space) to
 * {@code bench/results/method-crossover-2026-11-24.tsv}: timings of both methods on one thread over kernel lengths
 * 4..2048 and line lengths 200..200 000, for both dtypes, on the project's 2-core build machine on 2026-11-24,
 * by {@code bench/src/main/java/dev/kernelkit/bench/MethodCrossoverTiming.java}, fitted by
 * {@code tools/fit_method_choice.py} (which prints these lines and how well they choose). The native crossovers it
 * finds (about 33 taps for float64, 20 for float32) agree with the independent CPU-time table of the native library
 * alone, {@code bench/results/fft-crossover-native.txt} (between 15 and 31 taps for float64, about 15 for float32).
 *
 * <p>lfilter ({@link #chooseLfilter}) has its own constants: its direct method sums only past samples, so its work
 * stops growing with m once the filter is longer than the line, and the head of each line (outputs with fewer than
 * m products) is vectorised less well than the rest:
 * <pre>
 *   direct = lines · (A · n + D · causalProducts(n, m) + H · headProducts(n, m))
 * </pre>
 * and its FFT method wraps state handling around the overlap-save. They are fitted by
 * {@code tools/fit_method_choice.py --lfilter} to {@code bench/results/lfilter-crossover-2026-11-24.tsv} (one thread,
 * same grid, by {@code bench/.../LfilterCrossoverTiming.java}, after the direct lfilter was vectorised).
 */
public final class MethodChoice {
    private MethodChoice() {
    }

    /**
     * Fitted constants A, D, F, P, C (and H, for lfilter; see above) of one (backend kind, dtype) pair, in
     * nanoseconds.
     */
    record Costs(double directPerSample, double directPerTap, double fftPerOperation, double fftPerLine,
                 double fftPerCall, double directPerHeadProduct) {
        /** Correlation costs (no head term). */
        Costs(double directPerSample, double directPerTap, double fftPerOperation, double fftPerLine,
              double fftPerCall) {
            this(directPerSample, directPerTap, fftPerOperation, fftPerLine, fftPerCall, 0);
        }

        double directNanos(long n, long m, long lines) {
            return (double) lines * n * (directPerSample + directPerTap * m);
        }

        double lfilterDirectNanos(long n, long m, long lines) {
            return (double) lines * (directPerSample * n + directPerTap * causalProducts(n, m)
                    + directPerHeadProduct * headProducts(n, m));
        }

        double fftNanos(long n, long m, long lines) {
            return (double) lines * (fftPerOperation * fftOperations(n, m) + fftPerLine) + fftPerCall;
        }
    }

    /** Smallest and largest-for-speed block lengths (log2) of the FFT implementations (fft.h, RealFft). */
    private static final int MIN_BLOCK_LOG2 = 3;
    private static final int CACHE_BLOCK_LOG2 = 13;

    /**
     * The overlap-save's work on one line of n samples with m weights: blocks × N × (log2 N + 4) for the block
     * length N = 2^p both implementations choose (the fewest such operations, from the smallest power of two
     * &gt;= 2m up to the cache limit).
     */
    static double fftOperations(long n, long m) {
        int lo = Math.max(MIN_BLOCK_LOG2, 64 - Long.numberOfLeadingZeros(2 * m - 1));
        double best = Double.POSITIVE_INFINITY;
        for (int p = lo; p <= Math.max(lo, CACHE_BLOCK_LOG2); p++) {
            long size = 1L << p;
            long outputs = size - m + 1;
            best = Math.min(best, (double) ((n + outputs - 1) / outputs) * size * (p + 4));
            if (outputs >= n) {
                break;
            }
        }
        return best;
    }

    /** Products lfilter's direct method sums over a line of n samples with m taps: min(i, m-1) + 1 for output i. */
    static double causalProducts(long n, long m) {
        if (n <= m) {
            return n * (n + 1.0) / 2;
        }
        return m * (m + 1.0) / 2 + (double) (n - m) * m;
    }

    /** Products in a line's head, the outputs before the first that sums all m taps. */
    static double headProducts(long n, long m) {
        long h = Math.min(n, m - 1);
        return h * (h + 1.0) / 2;
    }

    // Printed by tools/fit_method_choice.py --lfilter bench/results/lfilter-crossover-2026-11-24.tsv (2026-11-24):
    static final Costs LFILTER_JAVA_F32 = new Costs(2.312, 0.4522, 0.9008, 545.5, 9.314e+05, 0.007196);
    // java float32: 52 points; the faster method at 39 of 40; worst pick 1.00x the faster
    //   5000 lines of 200: fft from 37 taps; 500 of 2000: 26; 50 of 20000: 24; 100 of 400000: 21
    static final Costs LFILTER_JAVA_F64 = new Costs(4.248, 0.4166, 0.9067, 376.4, 1.176e+06, 0.03362);
    // java float64: 52 points; the faster method at 40 of 40; worst pick 1.00x the faster
    //   5000 lines of 200: fft from 33 taps; 500 of 2000: 23; 50 of 20000: 22; 100 of 400000: 18
    static final Costs LFILTER_NATIVE_F32 = new Costs(1.203, 0.04145, 0.1807, 51.02, 9.488e+04, 0.1083);
    // native float32: 52 points; the faster method at 45 of 52; worst pick 1.59x the faster
    //   5000 lines of 200: fft from 41 taps; 500 of 2000: 34; 50 of 20000: 34; 100 of 400000: 31
    static final Costs LFILTER_NATIVE_F64 = new Costs(1.404, 0.04405, 0.1869, 45.55, 6.58e+04, 0.1066);
    // native float64: 52 points; the faster method at 45 of 52; worst pick 1.55x the faster
    //   5000 lines of 200: fft from 36 taps; 500 of 2000: 29; 50 of 20000: 27; 100 of 400000: 25

    // Printed by tools/fit_method_choice.py bench/results/method-crossover-2026-11-24.tsv (measured 2026-11-24):
    // Re-checked after the native FFT's tuning (bench/results/method-crossover-2026-11-24-recheck.tsv, panama
    // re-timed 14:35 UTC on a quiet machine): these native constants still pick the faster method at 45 (f32) and
    // 46 (f64) of 52 points, worst pick 1.4x / 1.9x, geometric-mean loss 3-4 %; a refit to the new timings did worse
    // (worst 2.2-2.5x, mean loss 7 %: the model's direct cost cannot follow short lines, where FFT wins from 16
    // taps, and long ones, where it wins from ~48), so they were kept.
    static final Costs JAVA_F32 = new Costs(0.728, 0.1705, 1.978, 1897, 2.552e+06);
    // java float32: 52 points; the faster method at 50 of 52; worst pick 1.06x the faster
    //   5000 lines of 200: never fft
    //   500 lines of 2000: fft from 266 taps
    //   50 lines of 20000: fft from 208 taps
    //   100 lines of 400000: fft from 188 taps
    static final Costs JAVA_F64 = new Costs(1.003, 0.2236, 1.964, 3009, 1.089e+06);
    // java float64: 52 points; the faster method at 49 of 52; worst pick 1.12x the faster
    //   5000 lines of 200: never fft
    //   500 lines of 2000: fft from 196 taps
    //   50 lines of 20000: fft from 146 taps
    //   100 lines of 400000: fft from 138 taps
    static final Costs NATIVE_F32 = new Costs(0.6854, 0.09131, 0.1899, 4.226e-13, 4.344e-25);
    // native float32: 52 points; the faster method at 46 of 52; worst pick 1.48x the faster
    //   5000 lines of 200: fft from 22 taps
    //   500 lines of 2000: fft from 21 taps
    //   50 lines of 20000: fft from 20 taps
    //   100 lines of 400000: fft from 20 taps
    static final Costs NATIVE_F64 = new Costs(0.3287, 0.1003, 0.2621, 102.8, 1.005e-11);
    // native float64: 52 points; the faster method at 45 of 52; worst pick 1.45x the faster
    //   5000 lines of 200: fft from 42 taps
    //   500 lines of 2000: fft from 34 taps
    //   50 lines of 20000: fft from 33 taps
    //   100 lines of 400000: fft from 33 taps

    /**
     * The method {@link Method#AUTO} takes for a correlation with {@code nweights} weights along lines of
     * {@code lineLength} samples, {@code lines} of them, on the named backend: {@link Method#FFT} when its estimated
     * time is lower, else {@link Method#DIRECT} (also for empty problems).
     *
     * @param backend a backend name ({@code java} has its own constants; every other backend is native)
     */
    public static Method choose(String backend, DType dtype, long nweights, long lineLength, long lines) {
        if (nweights < 2 || lineLength < 1 || lines < 1) {
            return Method.DIRECT;
        }
        Costs c = costs(backend, dtype);
        return c.fftNanos(lineLength, nweights, lines) < c.directNanos(lineLength, nweights, lines)
                ? Method.FFT : Method.DIRECT;
    }

    /**
     * The method {@link Method#AUTO} takes for lfilter with {@code ntaps} coefficients along lines of
     * {@code lineLength} samples, {@code lines} of them, on the named backend: {@link Method#FFT} when its estimated
     * time is lower, else {@link Method#DIRECT} (also for empty problems).
     *
     * @param backend a backend name ({@code java} has its own constants; every other backend is native)
     */
    public static Method chooseLfilter(String backend, DType dtype, long ntaps, long lineLength, long lines) {
        if (ntaps < 2 || lineLength < 1 || lines < 1) {
            return Method.DIRECT;
        }
        Costs c = lfilterCosts(backend, dtype);
        return c.fftNanos(lineLength, ntaps, lines) < c.lfilterDirectNanos(lineLength, ntaps, lines)
                ? Method.FFT : Method.DIRECT;
    }

    /** {@code method} itself unless it is {@link Method#AUTO}, which is resolved by {@link #chooseLfilter}. */
    static Method resolveLfilter(Method method, String backend, NdArray in, int axis, long ntaps) {
        return resolveWith(MethodChoice::chooseLfilter, method, backend, in, axis, ntaps);
    }

    static Costs lfilterCosts(String backend, DType dtype) {
        boolean java = JavaBackend.NAME.equals(backend);
        if (dtype == DType.F32) {
            return java ? LFILTER_JAVA_F32 : LFILTER_NATIVE_F32;
        }
        return java ? LFILTER_JAVA_F64 : LFILTER_NATIVE_F64;
    }

    /** {@code method} itself unless it is {@link Method#AUTO}, which is resolved by {@link #choose}. */
    static Method resolve(Method method, String backend, NdArray in, int axis, long nweights) {
        return resolveWith(MethodChoice::choose, method, backend, in, axis, nweights);
    }

    /** choose or chooseLfilter, for {@link #resolveWith}. */
    private interface Chooser {
        Method choose(String backend, DType dtype, long ntaps, long lineLength, long lines);
    }

    private static Method resolveWith(Chooser chooser, Method method, String backend, NdArray in, int axis,
                                      long ntaps) {
        if (method != Method.AUTO) {
            return method;
        }
        long n = in.shape(axis);
        long lines = n == 0 ? 0 : in.size() / n;
        return chooser.choose(backend, in.dtype(), ntaps, n, lines);
    }

    static Costs costs(String backend, DType dtype) {
        boolean java = JavaBackend.NAME.equals(backend);
        if (dtype == DType.F32) {
            return java ? JAVA_F32 : NATIVE_F32;
        }
        return java ? JAVA_F64 : NATIVE_F64;
    }
}
