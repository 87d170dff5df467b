package dev.kernelkit;

import dev.kernelkit.openblas.GemmFilterBank;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.Objects;

/**
 * Filter banks: F FIR filters (an F×K weights array) applied to every line of an array along an axis in one call.
 * The output has a new axis of length F inserted immediately before the filtered axis: a (channels, samples) input
 * filtered along samples gives (channels, F, samples). Filter f's slice equals
 * {@code Filters.correlate1d(in, weights[f], options)} — SciPy's {@code correlate1d} per filter, stacked with
 * {@code np.stack(..., axis=axis)} — with the same mode, cval and origin for every filter.
 *
 * <p>Methods ({@link BankMethod}): {@code DIRECT} runs the backend's kernel and is bit-identical to
 * {@code correlate1d}; {@code GEMM} multiplies blocks of the extended lines by the bank with OpenBLAS and agrees with
 * it within the core tolerances (not bit for bit); {@code AUTO} picks by F and K.
 *
 * <p>Everything is checked here, before any backend runs; a bad value raises {@link IllegalArgumentException}
 * naming the parameter and its allowed range. The output must not share memory with the input.
 */
public final class FilterBank {
    private FilterBank() {
    }

    /** Applies the bank (filters along {@code options.axis()}) and returns a new C-ordered array. */
    public static NdArray apply(NdArray in, NdArray weights, FilterOptions options, BankMethod method) {
        return apply(in, rows(weights), options, method);
    }

    /** As {@link #apply(NdArray, NdArray, FilterOptions, BankMethod)}, the bank given as F rows of K taps. */
    public static NdArray apply(NdArray in, double[][] weights, FilterOptions options, BankMethod method) {
        Objects.requireNonNull(in, "in");
        checkRows(weights);
        int axis = NdArray.normalizeAxis(Objects.requireNonNull(options, "options").axis(), in.ndim());
        NdArray out = NdArray.allocate(in.dtype(), Arena.ofAuto(), outputShape(in.shape(), axis, weights.length));
        apply(in, out, weights, options, method);
        return out;
    }

    /** Writes the bank's output into {@code out} (shape: the input's with F inserted before the axis). */
    public static void apply(NdArray in, NdArray out, NdArray weights, FilterOptions options, BankMethod method) {
        apply(in, out, rows(weights), options, method);
    }

    /** As {@link #apply(NdArray, NdArray, NdArray, FilterOptions, BankMethod)}, the bank as F rows of K taps. */
    public static void apply(NdArray in, NdArray out, double[][] weights, FilterOptions options, BankMethod method) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(method, "method");
        checkRows(weights);
        int f = weights.length;
        int k = weights[0].length;
        checkOrigin(options.origin(), k);
        int axis = NdArray.normalizeAxis(options.axis(), in.ndim());
        checkOutput(in, out, axis, f);
        ThreadedCall.checkThreads(options.threads());
        Backend backend = options.backend() == null ? Backends.defaultBackend() : Backends.get(options.backend());
        BankMethod chosen = method == BankMethod.AUTO ? chooseMethod(f, k, in.dtype()) : method;
        if (chosen == BankMethod.GEMM && method == BankMethod.AUTO && !GemmFilterBank.available()) {
            chosen = BankMethod.DIRECT; // AUTO never fails for want of OpenBLAS
        }
        if (in.size() == 0) {
            return;
        }
        // The rows copied once, into the C-ordered layout every method takes.
        double[] flat = new double[f * k];
        for (int i = 0; i < f; i++) {
            System.arraycopy(weights[i], 0, flat, i * k, k);
        }
        BankMethod run = chosen;
        ThreadedCall.run(options.threads(), threads -> {
            if (run == BankMethod.GEMM) {
                GemmFilterBank.apply(in, out, axis, flat, f, options.origin(), options.mode(), options.cval(),
                        threads);
            } else {
                backend.filterBank(in, out, axis, flat, f, options.origin(), options.mode(), options.cval(), threads);
            }
        });
    }

    /** The output shape: {@code shape} with {@code nfilters} inserted before {@code axis} (already normalised). */
    public static long[] outputShape(long[] shape, int axis, int nfilters) {
        long[] out = new long[shape.length + 1];
        for (int d = 0, o = 0; d < shape.length; d++) {
            if (d == axis) {
                out[o++] = nfilters;
            }
            out[o++] = shape[d];
        }
        return out;
    }

    /**
     * The method {@link BankMethod#AUTO} runs for F filters of K taps: GEMM where the committed benchmark measured it
     * faster than direct. Rule fitted from bench/results/filterbank-2026-11-24.txt (FilterBankBenchmark, 2 cores,
     * 2026-11-24): see {@link BankCrossover}.
     */
    public static BankMethod chooseMethod(int nfilters, int taps, DType dtype) {
        return BankCrossover.gemmFaster(nfilters, taps, dtype) ? BankMethod.GEMM : BankMethod.DIRECT;
    }

    // ---------------------------------------------------------------- validation

    /** The rows of a 2-D F×K weights array (float64 or float32). */
    private static double[][] rows(NdArray weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.ndim() != 2) {
            throw new IllegalArgumentException("weights: must be 2-D (filters x taps), got " + weights.ndim()
                    + "-D shape " + Arrays.toString(weights.shape()));
        }
        if (!weights.segment().scope().isAlive()) {
            throw new IllegalStateException("weights: its memory has been freed (the arena is closed)");
        }
        long f = weights.shape(0);
        long k = weights.shape(1);
        if (f < 1 || k < 1 || f * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("weights: shape " + Arrays.toString(weights.shape())
                    + " must have at least one filter and one tap (and fewer than 2^31 values)");
        }
        double[][] bank = new double[(int) f][];
        for (int i = 0; i < f; i++) {
            bank[i] = weights.slice(0, i, i + 1).toDoubleArray();
        }
        return bank;
    }

    /** F >= 1 rows of one length K >= 1 (checked only: apply copies them once, flattened). */
    private static void checkRows(double[][] weights) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("weights: must hold at least one filter (allowed F >= 1)");
        }
        int k = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == null || weights[i].length == 0) {
                throw new IllegalArgumentException("weights: filter " + i + " has no taps (allowed K >= 1)");
            }
            if (k >= 0 && weights[i].length != k) {
                throw new IllegalArgumentException("weights: filter " + i + " has " + weights[i].length
                        + " taps but filter 0 has " + k + " (all filters need the same length)");
            }
            k = weights[i].length;
        }
        if ((long) weights.length * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("weights: " + weights.length + " x " + k + " is too many values");
        }
    }

    private static void checkOrigin(int origin, int k) {
        int lo = -(k / 2);
        int hi = (k - 1) / 2;
        if (origin < lo || origin > hi) {
            throw new IllegalArgumentException("origin: " + origin + " is out of range for " + k + " taps (allowed "
                    + lo + ".." + hi + ")");
        }
    }

    private static void checkOutput(NdArray in, NdArray out, int axis, int nfilters) {
        if (in.dtype() != out.dtype()) {
            throw new IllegalArgumentException("out: dtype " + out.dtype().numpyName() + " does not match the input's "
                    + in.dtype().numpyName());
        }
        long[] want = outputShape(in.shape(), axis, nfilters);
        if (!Arrays.equals(want, out.shape())) {
            throw new IllegalArgumentException("out: shape " + Arrays.toString(out.shape()) + " must be "
                    + Arrays.toString(want) + " (the input's with " + nfilters + " filters inserted before axis "
                    + axis + ")");
        }
        if (!in.segment().scope().isAlive()) {
            throw new IllegalStateException("in: its memory has been freed (the arena is closed)");
        }
        if (!out.segment().scope().isAlive()) {
            throw new IllegalStateException("out: its memory has been freed (the arena is closed)");
        }
        if (out.segment().isReadOnly()) {
            throw new IllegalArgumentException("out: is read-only (e.g. a file mapped read-only)");
        }
        if (!out.hasUniqueElements()) {
            throw new IllegalArgumentException("out: several elements share memory (a zero or overlapping stride); "
                    + "an output needs one location per element");
        }
        if (Overlap.spans(in, out)) {
            throw new IllegalArgumentException("out: shares memory with the input; a filter bank's output must be "
                    + "a separate array");
        }
    }
}
