package dev.kernelkit.purejava;

import dev.kernelkit.GaussianKernel;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;

/**
 * The pure-Java backend: scipy.ndimage's correlate1d, convolve1d and gaussian_filter1d with SciPy's exact order of
 * floating-point operations, so float64 results are bit-identical to SciPy's (and to the native library's).
 *
 * <p>Each line is streamed once through a window of extended samples (see {@link LineFilter}); the sums are computed by
 * loops the C2 compiler vectorises ({@link CorrelationKernel}); lines along a strided axis are read and written in
 * groups ({@link LinePlan}). Any shape, axis and strides (negative, and zero for the input), heap or off-heap memory,
 * and in place (output = the input's identical view) are supported.
 *
 * <p>Threads: up to {@code threads} threads share the work — the caller and helpers from a process-wide pool of
 * daemon threads ({@link WorkerPool}) — split over lines, or over pieces of lines when there are too few lines. The
 * result is the same bit for bit for every thread count. Memory of a confined {@link java.lang.foreign.Arena} can only
 * be touched by its owner thread, so such arrays are filtered on the calling thread alone, whatever {@code threads}
 * says. An exception in any thread is rethrown to the caller.
 */
public final class JavaBackend implements Backend {
    /** Backend name for {@code -Dkernelkit.backend=java} and {@code FilterOptions.withBackend}. */
    public static final String NAME = "java";

    /** Work units per thread to aim for, so that uneven units still balance. */
    private static final int UNITS_PER_THREAD = 8;
    /** A line is cut into pieces of at least this many samples (and at least four kernel lengths). */
    private static final long MIN_PIECE = 4096;

    public JavaBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void correlate1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                            int threads) {
        filter(in, out, axis, new Taps(weights), origin, mode, cval, threads);
    }

    @Override
    public void gaussian1d(NdArray in, NdArray out, int axis, double sigma, int order, int radius, Mode mode,
                           double cval, int threads) {
        // SciPy correlates with the reversed kernel (so a first derivative of a rising ramp is positive).
        double[] weights = Backend.reversed(GaussianKernel.weights(sigma, order, radius));
        filter(in, out, axis, new Taps(weights), 0, mode, cval, threads);
    }

    @Override
    public void filterBank(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                           double cval, int threads) {
        FilterBankLines.run(in, out, axis, weights, nfilters, origin, mode, cval,
                WorkerPool.usableThreads(in, out, threads));
    }

    private static void filter(NdArray in, NdArray out, int axis, Taps taps, int origin, Mode mode, double cval,
                               int threads) {
        if (in.size() == 0) {
            return;
        }
        LinePlan plan = LinePlan.of(in, out, axis, taps.length() - 1);
        int workers = WorkerPool.usableThreads(in, out, threads);
        int pieces = pieces(plan, taps, workers);
        LineFilter filter = new LineFilter(in, out, plan, taps, origin, mode, cval, pieces);
        long units = filter.units();
        if (pieces > 1 && Backend.inPlace(in, out)) {
            filter.captureContexts();
        }
        WorkerPool.runAll(workers, units, filter::run);
    }

    /** Pieces per line: 1, unless there are too few line groups to keep every thread busy. */
    private static int pieces(LinePlan plan, Taps taps, int workers) {
        long groups = plan.groups();
        long wanted = (long) UNITS_PER_THREAD * workers;
        if (workers == 1 || groups >= wanted) {
            return 1;
        }
        long perLine = (wanted + groups - 1) / groups;
        long minPiece = Math.max(MIN_PIECE, 4L * taps.length());
        long possible = Math.max(1, plan.length / minPiece);
        return (int) Math.min(perLine, possible);
    }
}
