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
