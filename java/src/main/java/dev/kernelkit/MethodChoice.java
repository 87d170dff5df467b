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
 */
public final class MethodChoice {
    private MethodChoice() {
    }

    /** Fitted constants A, D, F, P, C (see above) of one (backend kind, dtype) pair, in nanoseconds. */
    record Costs(double directPerSample, double directPerTap, double fftPerOperation, double fftPerLine,
                 double fftPerCall) {
        double directNanos(long n, long m, long lines) {
            return (double) lines * n * (directPerSample + directPerTap * m);
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

    // Printed by tools/fit_method_choice.py bench/results/method-crossover-2026-11-24.tsv (measured 2026-11-24):
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

    /** {@code method} itself unless it is {@link Method#AUTO}, which is resolved by {@link #choose}. */
    static Method resolve(Method method, String backend, NdArray in, int axis, long nweights) {
        if (method != Method.AUTO) {
            return method;
        }
        long n = in.shape(axis);
        long lines = n == 0 ? 0 : in.size() / n;
        return choose(backend, in.dtype(), nweights, n, lines);
    }

    static Costs costs(String backend, DType dtype) {
        boolean java = JavaBackend.NAME.equals(backend);
        if (dtype == DType.F32) {
            return java ? JAVA_F32 : NATIVE_F32;
        }
        return java ? JAVA_F64 : NATIVE_F64;
    }
}
