package dev.kernelkit;

import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 1-D filters, with scipy.ndimage's semantics and defaults: {@code gaussian1d} (gaussian_filter1d),
 * {@code correlate1d} and {@code convolve1d}.
 *
 * <p>Each filter comes out-of-place (returns a new C-ordered, garbage-collected off-heap array of the input's dtype
 * and shape) and into a given output, which may be the input itself (in place). Everything is checked here, in Java,
 * before a backend runs: shapes, dtypes, bounds, writability, overlap and every parameter. A bad value raises
 * {@link IllegalArgumentException} naming the parameter and its allowed range.
 *
 * <p>The {@linkplain FilterOptions#method() method} decides how a correlation is summed: {@link Method#DIRECT} gives
 * SciPy's exact bits; {@link Method#FFT} (overlap-save) is within the tolerances of SciPy (float64: 1e-12, float32:
 * 1e-5, relative to the magnitude of the summed terms) and much faster for long kernels; {@link Method#AUTO}, the
 * default, picks one by {@link MethodChoice}'s cost model.
 *
 * <p>An output that partially overlaps the input (sharing memory without being the identical view) is handled by
 * filtering from a temporary copy of the input.
 */
public final class Filters {
    private Filters() {
    }

    // ---------------------------------------------------------------- gaussian1d

    /** {@code scipy.ndimage.gaussian_filter1d(in, sigma)} along the last axis. */
    public static NdArray gaussian1d(NdArray in, double sigma) {
        return gaussian1d(in, sigma, FilterOptions.defaults());
    }

    /** {@code scipy.ndimage.gaussian_filter1d(in, sigma, axis, order, mode, cval, truncate, radius)}. */
    public static NdArray gaussian1d(NdArray in, double sigma, FilterOptions options) {
        Objects.requireNonNull(in, "in");
        NdArray out = in.zerosLike();
        gaussian1d(in, out, sigma, options);
        return out;
    }

    /** As {@link #gaussian1d(NdArray, double, FilterOptions)}, writing into {@code out} (which may be {@code in}). */
    public static void gaussian1d(NdArray in, NdArray out, double sigma, FilterOptions options) {
        Objects.requireNonNull(options, "options");
        GaussianKernel.checkSigma(sigma);
        GaussianKernel.checkOrder(options.order());
        int radius;
        if (options.radius() != null) {
            radius = options.radius();
            GaussianKernel.checkRadius(radius);
        } else {
            radius = GaussianKernel.radius(sigma, options.truncate());
        }
        Call call = prepare(in, out, options);
        if (call == null) {
            return;
        }
        if (call.method(options, 2L * radius + 1) == Method.FFT) {
            // SciPy correlates with the reversed kernel; the Java kernel is the native one's twin (same formula).
            double[] w = Backend.reversed(GaussianKernel.weights(sigma, options.order(), radius));
            ThreadedCall.run(call.threads, threads -> call.backend.correlate1dFft(call.in, out, call.axis, w, 0,
                    options.mode(), options.cval(), threads));
            return;
        }
        ThreadedCall.run(call.threads, threads -> call.backend.gaussian1d(call.in, out, call.axis, sigma,
                options.order(), radius, options.mode(), options.cval(), threads));
    }

    // ---------------------------------------------------------------- correlate1d

    /** {@code scipy.ndimage.correlate1d(in, weights)} along the last axis. */
    public static NdArray correlate1d(NdArray in, double[] weights) {
        return correlate1d(in, weights, FilterOptions.defaults());
    }

    /** {@code scipy.ndimage.correlate1d(in, weights, axis, mode=mode, cval=cval, origin=origin)}. */
    public static NdArray correlate1d(NdArray in, double[] weights, FilterOptions options) {
        Objects.requireNonNull(in, "in");
        NdArray out = in.zerosLike();
        correlate1d(in, out, weights, options);
        return out;
    }

    /** As {@link #correlate1d(NdArray, double[], FilterOptions)}, writing into {@code out} (which may be {@code in}). */
    public static void correlate1d(NdArray in, NdArray out, double[] weights, FilterOptions options) {
        Objects.requireNonNull(options, "options");
        double[] w = checkWeights(weights, options.origin());
        Call call = prepare(in, out, options);
        if (call == null) {
            return;
        }
        if (call.method(options, w.length) == Method.FFT) {
            ThreadedCall.run(call.threads, threads -> call.backend.correlate1dFft(call.in, out, call.axis, w,
                    options.origin(), options.mode(), options.cval(), threads));
            return;
        }
        ThreadedCall.run(call.threads, threads -> call.backend.correlate1d(call.in, out, call.axis, w,
                options.origin(), options.mode(), options.cval(), threads));
    }

    // ---------------------------------------------------------------- convolve1d

    /** {@code scipy.ndimage.convolve1d(in, weights)} along the last axis. */
    public static NdArray convolve1d(NdArray in, double[] weights) {
        return convolve1d(in, weights, FilterOptions.defaults());
    }

    /** {@code scipy.ndimage.convolve1d(in, weights, axis, mode=mode, cval=cval, origin=origin)}. */
    public static NdArray convolve1d(NdArray in, double[] weights, FilterOptions options) {
        Objects.requireNonNull(in, "in");
        NdArray out = in.zerosLike();
        convolve1d(in, out, weights, options);
        return out;
    }

    /** As {@link #convolve1d(NdArray, double[], FilterOptions)}, writing into {@code out} (which may be {@code in}). */
    public static void convolve1d(NdArray in, NdArray out, double[] weights, FilterOptions options) {
        Objects.requireNonNull(options, "options");
        double[] w = checkWeights(weights, options.origin());
        Call call = prepare(in, out, options);
        if (call == null) {
            return;
        }
        if (call.method(options, w.length) == Method.FFT) {
            // Convolution is correlation with the reversed weights and the mirrored origin.
            double[] r = Backend.reversed(w);
            int origin = Backend.convolveOriginAsCorrelate(w.length, options.origin());
            ThreadedCall.run(call.threads, threads -> call.backend.correlate1dFft(call.in, out, call.axis, r, origin,
                    options.mode(), options.cval(), threads));
            return;
        }
        ThreadedCall.run(call.threads, threads -> call.backend.convolve1d(call.in, out, call.axis, w,
                options.origin(), options.mode(), options.cval(), threads));
    }

    // ---------------------------------------------------------------- lfilter

    /** {@code scipy.signal.lfilter(b, [1.0], x)} along the last axis: causal FIR filtering from a zero state. */
    public static NdArray lfilter(double[] b, NdArray x) {
        return lfilter(b, x, null, FilterOptions.defaults()).y();
    }

    /**
     * {@code scipy.signal.lfilter(b, [1.0], x, axis, zi)}: {@code y[n] = sum_k b[k] x[n-k]} along the axis (samples
     * before the first are 0). With an initial state {@code zi} (SciPy's form: x's shape with the axis length
     * replaced by {@code len(b)-1}, x's dtype) it is added to the first outputs and the final state
     * {@code zf} is returned, so that filtering a signal in chunks with the state carried from each call to the next
     * equals filtering it at once (chunks of any length, also shorter than the filter). Uses axis, threads, backend
     * and method of the options: {@link Method#DIRECT} gives SciPy's bits and chunked equals one-shot bit for bit;
     * {@link Method#FFT} (overlap-save, for long filters) is within tolerance of both. float32 input gives float32 y and zf (summed in double).
     */
    public static LfilterResult lfilter(double[] b, NdArray x, NdArray zi, FilterOptions options) {
        Objects.requireNonNull(x, "x");
        NdArray y = x.zerosLike();
        return lfilter(b, x, zi, y, options);
    }

    /** As {@link #lfilter(double[], NdArray, NdArray, FilterOptions)}, writing y into {@code out} (may be x). */
    public static LfilterResult lfilter(double[] b, NdArray x, NdArray zi, NdArray out, FilterOptions options) {
        Objects.requireNonNull(options, "options");
        if (b == null || b.length == 0) {
            throw new IllegalArgumentException("b: must hold at least one coefficient");
        }
        double[] taps = b.clone();
        Objects.requireNonNull(x, "x");
        int axis = NdArray.normalizeAxis(options.axis(), x.ndim());
        double[] state = FirState.read(zi, x, axis, taps.length);
        Call call = prepare(x, out, options);
        double[] finalState = state == null ? null : new double[state.length];
        if (call == null) {
            // Nothing to filter: the state passes through unchanged.
            if (state != null) {
                System.arraycopy(state, 0, finalState, 0, state.length);
            }
        } else if (MethodChoice.resolveLfilter(options.method(), call.backend.name(), call.in, call.axis, taps.length)
                == Method.FFT) {
            ThreadedCall.run(call.threads, threads -> FftLfilter.filter(call.backend, call.in, out, call.axis, taps,
                    state, finalState, threads));
        } else {
            ThreadedCall.run(call.threads, threads -> call.backend.lfilter(call.in, out, call.axis, taps, state,
                    finalState, threads));
        }
        NdArray zf = finalState == null ? null
                : FirState.toArray(finalState, FirState.shape(x.shape(), axis, taps.length), x.dtype());
        return new LfilterResult(out, zf);
    }

    // ---------------------------------------------------------------- validation

    /** The checked, resolved arguments of one call; threads as requested (0 = default, see {@link ThreadedCall}). */
    private record Call(NdArray in, int axis, int threads, Backend backend) {
        /** The options' method, with {@link Method#AUTO} resolved for this call and kernel length. */
        Method method(FilterOptions options, long nweights) {
            return MethodChoice.resolve(options.method(), backend.name(), in, axis, nweights);
        }
    }

    /** Largest thread count accepted for one call. */
    public static final int MAX_THREADS = ThreadedCall.MAX_THREADS;

    /**
     * Checks the arrays and the options shared by every filter; returns null when there is nothing to do (an empty
     * array), else the resolved call. The input is replaced by a copy when the output partially overlaps it.
     */
    private static Call prepare(NdArray in, NdArray out, FilterOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        if (in.dtype() != out.dtype()) {
            throw new IllegalArgumentException("out: dtype " + out.dtype().numpyName() + " does not match the input's "
                    + in.dtype().numpyName());
        }
        if (!Arrays.equals(in.shape(), out.shape())) {
            throw new IllegalArgumentException("out: shape " + Arrays.toString(out.shape())
                    + " does not match the input's " + Arrays.toString(in.shape()));
        }
        int axis = NdArray.normalizeAxis(options.axis(), in.ndim());
        int threads = options.threads();
        ThreadedCall.checkThreads(threads);
        Backend backend = options.backend() == null ? Backends.defaultBackend() : Backends.get(options.backend());
        checkAlive(in, "in");
        checkAlive(out, "out");
        if (out.segment().isReadOnly()) {
            throw new IllegalArgumentException("out: is read-only (e.g. a file mapped read-only)");
        }
        if (!out.hasUniqueElements()) {
            throw new IllegalArgumentException("out: several elements share memory (a zero or overlapping stride); "
                    + "an output needs one location per element");
        }
        if (in.size() == 0) {
            return null;
        }
        NdArray source = Overlap.partial(in, out) ? in.copy() : in;
        return new Call(source, axis, threads, backend);
    }

    private static void checkAlive(NdArray a, String name) {
        if (!a.segment().scope().isAlive()) {
            throw new IllegalStateException(name + ": its memory has been freed (the arena is closed)");
        }
    }

    private static double[] checkWeights(double[] weights, int origin) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("weights: must hold at least one value");
        }
        int n = weights.length;
        int lo = -(n / 2);
        int hi = (n - 1) / 2;
        if (origin < lo || origin > hi) {
            throw new IllegalArgumentException("origin: " + origin + " is out of range for " + n + " weights (allowed "
                    + lo + ".." + hi + ")");
        }
        return weights.clone();
    }
}
