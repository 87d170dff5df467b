package dev.kernelkit.spi;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;

/**
 * One implementation of the filters: native through Panama, pure Java, and more. {@link dev.kernelkit.Filters}
 * validates every argument before calling a backend, so implementations may assume:
 * <ul>
 *   <li>{@code in} and {@code out} have the same dtype and shape, size &gt; 0, and every element they reach lies in
 *       their segments; {@code out} is writable and its elements are distinct;</li>
 *   <li>{@code out} is either the identical view of {@code in} (in place) or shares no memory with it;</li>
 *   <li>{@code axis} is in {@code 0..ndim-1}; {@code threads >= 1};</li>
 *   <li>weights are non-empty and origin within {@code -(n/2) .. (n-1)/2}; sigma finite &gt; 0, order 0..3,
 *       radius &gt;= 0.</li>
 * </ul>
 * Every backend computes scipy.ndimage's results (accumulating in double) and gives the same result for every
 * thread count.
 */
public interface Backend {

    /** Short name used to select it: {@code panama}, {@code java}, ... */
    String name();

    /** scipy.ndimage.correlate1d along {@code axis}. */
    void correlate1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                     int threads);

    /** scipy.ndimage.convolve1d along {@code axis}; by default the equivalent correlation. */
    default void convolve1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                            int threads) {
        correlate1d(in, out, axis, reversed(weights), convolveOriginAsCorrelate(weights.length, origin), mode, cval,
                threads);
    }

    /**
     * {@link #correlate1d}, computed with FFTs (overlap-save): the same contract and guarantees, results equal to
     * the direct ones up to FFT rounding (not bit for bit) and independent of {@code threads}. By default the
     * pure-Java implementation; native backends override it.
     */
    default void correlate1dFft(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode,
                                double cval, int threads) {
        dev.kernelkit.purejava.FftCorrelation.correlate(in, out, axis, weights, origin, mode, cval, threads);
    }

    /** scipy.ndimage.gaussian_filter1d along {@code axis} with an explicit radius. */
    void gaussian1d(NdArray in, NdArray out, int axis, double sigma, int order, int radius, Mode mode, double cval,
                    int threads);

    /**
     * {@code scipy.signal.lfilter(b, [1.0], in, axis, zi)}: causal FIR filtering with state, computed directly.
     * {@code zi} (initial state, null for zeros) and {@code zf} (receives the final state, null when not wanted)
     * hold doubles in C order over the input's shape with the axis extent replaced by {@code b.length - 1}. The
     * array and axis guarantees above hold; {@code b} is non-empty; {@code zi} and {@code zf} have the right length.
     * By default the pure-Java implementation; native backends override it.
     */
    default void lfilter(NdArray in, NdArray out, int axis, double[] b, double[] zi, double[] zf, int threads) {
        dev.kernelkit.purejava.CausalFir.filter(in, out, axis, b, zi, zf);
    }

    /**
     * A bank of filters along {@code axis}: {@code weights} holds {@code nfilters} rows of {@code weights.length /
     * nfilters} taps (C order), and filter f's output, the slice {@link #bankSlice bankSlice(out, axis, f)}, equals
     * {@link #correlate1d} with row f and the same origin, mode and cval. {@code out} has {@code in.ndim() + 1}
     * dimensions: the input's shape with {@code nfilters} inserted before {@code axis}. Besides the guarantees above
     * for its slices, {@code out} shares no memory with {@code in}; the origin is valid for the row length. By
     * default each filter runs through {@link #correlate1d} into its slice; backends override it to extend each
     * line once for the whole bank.
     */
    default void filterBank(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                            double cval, int threads) {
        int taps = weights.length / nfilters;
        for (int f = 0; f < nfilters; f++) {
            double[] row = java.util.Arrays.copyOfRange(weights, f * taps, (f + 1) * taps);
            correlate1d(in, bankSlice(out, axis, f), axis, row, origin, mode, cval, threads);
        }
    }

    /** Filter {@code f}'s output in a bank's output: {@code out} with its filter axis ({@code axis}) fixed at f. */
    static NdArray bankSlice(NdArray out, int axis, int f) {
        int n = out.ndim() - 1;
        long[] shape = new long[n];
        long[] strides = new long[n];
        for (int d = 0; d < n; d++) {
            int od = d < axis ? d : d + 1;
            shape[d] = out.shape(od);
            strides[d] = out.stride(od);
        }
        return NdArray.of(out.segment(), out.dtype(), shape, strides, out.offset() + f * out.stride(axis));
    }

    /**
     * True when {@code out} is {@code in} itself (a call in place). Under the contract above any shared memory means
     * exactly that, so backends need not compare the views further.
     */
    static boolean inPlace(NdArray in, NdArray out) {
        return in.spannedBytes().asOverlappingSlice(out.spannedBytes()).isPresent();
    }

    /** The weights in reverse order (convolution is correlation with reversed weights). */
    static double[] reversed(double[] weights) {
        double[] r = new double[weights.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = weights[weights.length - 1 - i];
        }
        return r;
    }

    /** SciPy's convolve1d origin as a correlate1d origin: negated, and one less for an even number of weights. */
    static int convolveOriginAsCorrelate(int nweights, int origin) {
        return (nweights % 2 == 0) ? -origin - 1 : -origin;
    }
}
