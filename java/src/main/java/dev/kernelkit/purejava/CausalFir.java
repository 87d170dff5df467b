package dev.kernelkit.purejava;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Causal FIR filtering with state in pure Java: {@code scipy.signal.lfilter(b, [1.0], x, axis, zi)}, computed
 * directly, line by line, on one thread (simple rather than fast; results do not depend on a thread count).
 *
 * <p>The state arrays follow the native ABI ({@code kk_lfilter_fir}): doubles in C order over x's shape with the
 * axis extent replaced by {@code b.length - 1}. Every output and every final-state value is one sum in a fixed order
 * (the carried state first, then the samples from the oldest to the newest), the same order as the native code, so
 * filtering in chunks with the carried state gives the same bits as filtering at once.
 */
public final class CausalFir {
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private CausalFir() {
    }

    /**
     * Filters every line of {@code in} along {@code axis} into {@code out} (which may be {@code in}).
     *
     * @param zi initial state, or null for zeros
     * @param zf receives the final state, or null
     */
    public static void filter(NdArray in, NdArray out, int axis, double[] b, double[] zi, double[] zf) {
        int ndim = in.ndim();
        long[] shape = in.shape();
        long n = shape[axis];
        int m = b.length - 1;
        long lines = 1;
        long inner = 1;
        for (int d = 0; d < ndim; d++) {
            if (d != axis) {
                lines *= shape[d];
                if (d > axis) {
                    inner *= shape[d];
                }
            }
        }
        if (n > Integer.MAX_VALUE - b.length) {
            throw new IllegalArgumentException("x: a line of " + n + " samples is too long for the java backend");
        }
        double[] x = new double[(int) n];
        double[] state = new double[m];
        long[] inStrides = in.byteStrides();
        long[] outStrides = out.byteStrides();
        for (long li = 0; li < lines; li++) {
            long inOff = in.byteOffset();
            long outOff = out.byteOffset();
            long rest = li;
            for (int d = ndim - 1; d >= 0; d--) {
                if (d == axis) {
                    continue;
                }
                long i = rest % shape[d];
                rest /= shape[d];
                inOff += i * inStrides[d];
                outOff += i * outStrides[d];
            }
            read(in, inOff, inStrides[axis], x);
            long s0 = (li / inner) * m * inner + li % inner;
            for (int k = 0; k < m; k++) {
                state[k] = zi == null ? 0.0 : zi[(int) (s0 + k * inner)];
            }
            filterLine(b, x, state, out, outOff, outStrides[axis]);
            if (zf != null) {
                finalState(b, x, state, zf, s0, inner);
            }
        }
    }

    private static void read(NdArray a, long off, long stride, double[] x) {
        MemorySegment seg = a.segment();
        boolean f32 = a.dtype() == DType.F32;
        for (int i = 0; i < x.length; i++) {
            long p = off + i * stride;
            x[i] = f32 ? seg.get(F32, p) : seg.get(F64, p);
        }
    }

    /** y[i] = state[i] (i < m) + sum of b[k] x[i-k], oldest sample first. */
    private static void filterLine(double[] b, double[] x, double[] state, NdArray out, long off, long stride) {
        int m = b.length - 1;
        MemorySegment seg = out.segment();
        boolean f32 = out.dtype() == DType.F32;
        for (int i = 0; i < x.length; i++) {
            double s = i < m ? state[i] : 0.0;
            for (int k = Math.min(i, m); k >= 0; k--) {
                s = b[k] * x[i - k] + s;
            }
            long p = off + i * stride;
            if (f32) {
                seg.set(F32, p, (float) s);
            } else {
                seg.set(F64, p, s);
            }
        }
    }

    /** zf[k] = state[k+n] (while inside the state) + sum over j &gt; k of b[j] x[n+k-j], oldest sample first. */
    private static void finalState(double[] b, double[] x, double[] state, double[] zf, long s0, long inner) {
        int m = b.length - 1;
        int n = x.length;
        for (int k = 0; k < m; k++) {
            double s = k + n < m ? state[k + n] : 0.0;
            for (int j = Math.min(m, n + k); j > k; j--) {
                s = b[j] * x[n + k - j] + s;
            }
            zf[(int) (s0 + k * inner)] = s;
        }
    }
}
