package dev.kernelkit.purejava;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;

/**
 * The pure-Java filter bank, the twin of the native {@code kk_filterbank1d}: the work is cut into units of up to
 * {@link #ROWS} outputs of one line; a unit extends its rows once (samples plus the {@code K - 1} values the filters
 * reach beyond them, by {@link Extension}) and runs every filter of the bank over that buffer with the same
 * {@link CorrelationKernel} and {@link Taps} as {@code correlate1d}. The kernel computes every output the same way
 * whatever the run it belongs to, so filter f's slice equals this backend's {@code correlate1d} with filter f bit for
 * bit, for every thread count. The output never overlaps the input, so units are independent.
 *
 * <p>Other ways of applying the bank to the extended rows (the GEMM method of {@code dev.kernelkit.openblas}) plug
 * in as {@link Rows}, reusing the extension, line walking and output writing here.
 */
public final class FilterBankLines {
    /** Applies the whole bank to one unit's extended rows. */
    public interface Rows {
        /**
         * Writes filter f's {@code m} outputs to {@code results[f][0 .. m)}, output i being the correlation of row f
         * of the bank with {@code ext[i .. i + K)}.
         */
        void filter(double[] ext, int m, double[][] results);
    }

    /** Outputs per unit: the extended rows stay in cache while every filter reads them. */
    public static final int ROWS = 2048;

    private final NdArray in;
    private final int axis;
    private final Taps[] taps;
    private final int before;
    private final Mode mode;
    private final double cval;
    private final long n;
    private final long chunks;
    private final LineIO input;
    private final LineIO output;
    private final long filterStep;
    private final NdArray out;
    /** The bank applied by another method, or null for the correlation kernel. */
    private final Rows rows;
    private final long inStep;

    private FilterBankLines(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                            double cval, Rows rows) {
        this.in = in;
        this.rows = rows;
        this.out = out;
        this.axis = axis;
        int k = weights.length / nfilters;
        this.taps = new Taps[nfilters];
        for (int f = 0; f < nfilters; f++) {
            taps[f] = new Taps(java.util.Arrays.copyOfRange(weights, f * k, (f + 1) * k));
        }
        this.before = taps[0].size1() + origin;
        this.mode = mode;
        this.cval = cval;
        this.n = in.shape(axis);
        this.chunks = (n + ROWS - 1) / ROWS;
        this.inStep = in.stride(axis);
        this.input = new LineIO(in.segment(), in.dtype(), inStep, 0);
        this.output = new LineIO(out.segment(), out.dtype(), out.stride(axis + 1), 0);
        this.filterStep = out.stride(axis);
    }

    /** Applies the bank (arguments as {@code Backend.filterBank}) on up to {@code threads} threads. */
    static void run(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                    double cval, int threads) {
        if (in.size() == 0) {
            return;
        }
        FilterBankLines bank = new FilterBankLines(in, out, axis, weights, nfilters, origin, mode, cval, null);
        bank.run(threads);
    }

    /**
     * Applies the bank (arguments as {@code Backend.filterBank}) on the calling thread, each unit's extended rows
     * (at most {@link #ROWS} outputs) handed to {@code rows}.
     */
    public static void run(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                           double cval, Rows rows) {
        if (in.size() == 0) {
            return;
        }
        new FilterBankLines(in, out, axis, weights, nfilters, origin, mode, cval, rows).run(1);
    }

    private void run(int threads) {
        WorkerPool.runAll(threads, (in.size() / n) * chunks, this::units);
    }

    private void units(long from, long to, Scratch scratch) {
        for (long u = from; u < to; u++) {
            unit(u, scratch);
        }
    }

    private void unit(long u, Scratch scratch) {
        // line index over the input's other dimensions, last fastest
        long line = u / chunks;
        long inBase = in.offset();
        long outBase = out.offset();
        for (int d = in.ndim() - 1; d >= 0; d--) {
            if (d == axis) {
                continue;
            }
            long i = line % in.shape(d);
            line /= in.shape(d);
            inBase += i * in.stride(d);
            outBase += i * out.stride(d < axis ? d : d + 1);
        }
        long r0 = (u % chunks) * ROWS;
        int m = (int) Math.min(ROWS, n - r0);
        int span = m + taps[0].length() - 1;
        double[][] ext = scratch.windows(1, span);
        extend(inBase, r0 - before, span, ext, scratch);
        if (rows != null) {
            double[][] res = scratch.outputs(taps.length, m);
            rows.filter(ext[0], m, res);
            for (int f = 0; f < taps.length; f++, outBase += filterStep) {
                double[][] one = {res[f]};
                output.write(outBase, 1, r0, m, one, 0, scratch);
            }
            return;
        }
        double[][] res = scratch.outputs(1, m);
        for (Taps t : taps) {
            scratch.kernel.correlate(t, ext[0], 0, m, res[0], 0);
            output.write(outBase, 1, r0, m, res, 0, scratch);
            outBase += filterStep;
        }
    }

    /** Extended-line positions {@code p0 .. p0+count-1} into {@code ext[0][0 ..]}. */
    private void extend(long base, long p0, int count, double[][] ext, Scratch scratch) {
        long a = Math.max(p0, 0);
        long b = Math.min(p0 + count, n);
        if (a < b) {
            input.read(base, 1, a, (int) (b - a), ext, (int) (a - p0), scratch);
        }
        double[] e = ext[0];
        for (long p = p0; p < p0 + count; p++) {
            if (p >= a && p < b) {
                p = b - 1;
                continue;
            }
            long src = Extension.source(p, n, mode);
            e[(int) (p - p0)] = src < 0 ? cval : input.element(base + src * inStep);
        }
    }
}
