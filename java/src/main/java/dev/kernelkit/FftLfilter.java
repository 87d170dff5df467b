package dev.kernelkit;

import dev.kernelkit.spi.Backend;
import java.lang.foreign.Arena;

/**
 * {@code scipy.signal.lfilter(b, [1.0], x, axis, zi)} through a backend's FFT correlation, for long filters.
 *
 * <p>The causal sum {@code y[n] = sum_k b[k] x[n-k]} is ndimage's correlation with the reversed taps, origin
 * {@code (nb-1)/2} (which puts the last reversed tap on sample n) and zeros beyond the ends (mode constant, cval 0).
 * The state is SciPy's (direct form II transposed): {@code zi[k]} is added to {@code y[k]}, and the final state is
 * {@code zf[k] = sum_{j=k+1}^{nb-1} b[j] x[N+k-j]} over the samples that exist, plus {@code zi[k+N]} while
 * {@code k+N <= nb-2} (a chunk shorter than the filter passes part of its initial state on). The x part of zf only
 * involves the last {@code nb-1} samples: it is the tail of the full convolution, computed by the same FFT
 * correlation over those samples followed by {@code nb-1} zeros. So chunked filtering equals one-shot filtering
 * within FFT rounding.
 */
final class FftLfilter {
    private FftLfilter() {
    }

    /**
     * As {@link Backend#lfilter} (same arguments and guarantees), with FFTs. zf is computed before y is written, so
     * {@code y} may be {@code x} (in place).
     */
    static void filter(Backend backend, NdArray x, NdArray y, int axis, double[] b, double[] zi, double[] zf,
                       int threads) {
        double[] reversed = Backend.reversed(b);
        int origin = (b.length - 1) / 2;
        if (zf != null) {
            finalState(backend, x, axis, reversed, origin, zi, zf, threads);
        }
        backend.correlate1dFft(x, y, axis, reversed, origin, Mode.CONSTANT, 0.0, threads);
        if (zi != null) {
            addInitialState(y, axis, zi, b.length - 1);
        }
    }

    /** y[k] += zi[k] for the first min(N, nb-1) samples of every line. */
    private static void addInitialState(NdArray y, int axis, double[] zi, int stateLength) {
        long head = Math.min(y.shape(axis), stateLength);
        if (head == 0) {
            return;
        }
        NdArray state = NdArray.wrap(zi, stateShape(y, axis, stateLength));
        addInto(y.slice(axis, 0, head), state.slice(axis, 0, head));
    }

    private static void finalState(Backend backend, NdArray x, int axis, double[] reversed, int origin, double[] zi,
                                   double[] zf, int threads) {
        int stateLength = reversed.length - 1;
        if (stateLength == 0) {
            return;
        }
        long n = x.shape(axis);
        long tail = Math.min(n, stateLength);
        long[] padShape = x.shape();
        padShape[axis] = 2L * stateLength;
        // Shared: a pure-Java backend may read and write these from its worker threads.
        try (Arena arena = Arena.ofShared()) {
            // The last nb-1 samples (zeros before them when the chunk is shorter), then nb-1 zeros: the outputs
            // over the zeros are the full convolution's tail, which is the x part of the final state.
            NdArray padded = NdArray.allocate(DType.F64, arena, padShape);
            padded.slice(axis, stateLength - tail, stateLength).copyFrom(x.slice(axis, n - tail, n));
            NdArray full = NdArray.allocate(DType.F64, arena, padShape);
            backend.correlate1dFft(padded, full, axis, reversed, origin, Mode.CONSTANT, 0.0, threads);
            long[] shape = stateShape(x, axis, stateLength);
            NdArray.wrap(zf, shape).copyFrom(full.slice(axis, stateLength, 2L * stateLength));
            if (zi != null && n < stateLength) {
                NdArray state = NdArray.wrap(zi, shape);
                addInto(NdArray.wrap(zf, shape).slice(axis, 0, stateLength - n), state.slice(axis, n, stateLength));
            }
        }
    }

    /** target += addend, element by element (same shape), summed in double. */
    private static void addInto(NdArray target, NdArray addend) {
        double[] sum = target.toDoubleArray();
        double[] add = addend.toDoubleArray();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += add[i];
        }
        target.copyFrom(NdArray.wrap(sum, target.shape()));
    }

    private static long[] stateShape(NdArray a, int axis, int stateLength) {
        long[] shape = a.shape();
        shape[axis] = stateLength;
        return shape;
    }
}
