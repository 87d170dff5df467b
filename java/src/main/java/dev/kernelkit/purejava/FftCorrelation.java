package dev.kernelkit.purejava;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;

/**
 * correlate1d computed with FFTs by overlap-save — the pure-Java twin of the native {@code kk_correlate1d_fft}, with
 * the same blocks and block sizes (the FFT is radix 2 and runs one line at a time, so the bits differ slightly from
 * the native ones).
 *
 * <p>Each line is extended by the mode exactly as the direct path extends it ({@link Extension}): {@code nb = K/2 +
 * origin} values before it, {@code na = K - 1 - nb} after. Output block b covers {@code y[bM, bM + M)} and is the
 * circular correlation of the extended samples {@code [bM, bM + N)} with the weights ({@link RealFft}), where
 * {@code N = M + K - 1} is a power of two chosen from the line length and K only (samples past the extended line are
 * zeros). The partition into blocks is fixed, so each output is computed from the same values by the same operations
 * whatever the thread count or the other lines: results do not depend on {@code threads}. They equal the direct
 * path's up to FFT rounding (float64: a few 1e-16 of {@code sum |w||x|}), not bit for bit.
 *
 * <p>Units of work are a group of lines ({@link LinePlan}) and a run of consecutive blocks of them: whole lines
 * unless there are too few groups for the threads. Each unit streams through its blocks with a window per line,
 * carrying the last K - 1 samples into the next block, and reads every sample of its own range before writing the
 * output there (reads run {@code na} ahead), so output = input (in place) is safe. The values a unit needs from outside
 * its range (its <em>halo</em>: boundary extension or another unit's samples) are captured before it writes — for
 * split lines, all of them before any unit runs.
 */
public final class FftCorrelation {
    /** Largest block chosen for speed (64 KiB of doubles per line); kernels needing more get what they need. */
    private static final int CACHE_LOG2 = 13;
    /** Units per thread to aim for, so that uneven units still balance. */
    private static final int UNITS_PER_THREAD = 4;

    private final LinePlan plan;
    private final LineIO input;
    private final LineIO output;
    private final NdArray in;
    private final Mode mode;
    private final double cval;
    private final int k;
    private final int nb;
    private final int na;
    private final long n;
    private final RealFft fft;
    private final int m;
    private final long blocks;
    private final int pieces;
    private final double[] cr;
    private final double[] ci;
    /** Halos captured in advance, per unit and line, or null when each unit captures its own. */
    private double[][][] presetHalos;

    private FftCorrelation(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                           int workers) {
        this.in = in;
        this.mode = mode;
        this.cval = cval;
        this.k = weights.length;
        this.nb = k / 2 + origin;
        this.na = k - 1 - nb;
        this.plan = LinePlan.of(in, out, axis, k - 1);
        this.n = plan.length;
        this.fft = RealFft.of(blockLog2(n, k));
        this.m = fft.n - k + 1;
        this.blocks = (n + m - 1) / m;
        this.input = new LineIO(in.segment(), in.dtype(), plan.inStep, plan.inGroupStep);
        this.output = new LineIO(out.segment(), out.dtype(), plan.outStep, plan.outGroupStep);
        long groups = plan.groups();
        long wanted = (long) UNITS_PER_THREAD * workers;
        this.pieces = workers == 1 || groups >= wanted ? 1 : (int) Math.min(blocks, (wanted + groups - 1) / groups);
        double[][] spectrum = fft.filterSpectrum(weights); // before any output is written
        this.cr = spectrum[0];
        this.ci = spectrum[1];
    }

    /**
     * Correlates {@code in} into {@code out} along {@code axis}, with the contract of
     * {@link Backend#correlate1d}: {@code y[i] = sum_j weights[j] * x[i + j - weights.length/2 - origin]}, x extended by
     * {@code mode} (and {@code cval}). Arguments are expected to be valid (checked by the public API); {@code out} may
     * be {@code in} itself.
     */
    public static void correlate(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode,
                                 double cval, int threads) {
        if (in.size() == 0) {
            return;
        }
        int workers = WorkerPool.usableThreads(in, out, threads);
        FftCorrelation call = new FftCorrelation(in, out, axis, weights, origin, mode, cval, workers);
        long units = call.plan.groups() * call.pieces;
        if (call.pieces > 1) {
            call.captureAllHalos();
        }
        WorkerPool.runAll(workers, units, call::run);
    }

    /**
     * log2 of the block length: the fewest operations (blocks × N (log2 N + 4), the 4 for moving data), among lengths
     * that fit the cache unless K itself needs more; depends on n and K only.
     */
    static int blockLog2(long n, int k) {
        int lo = Math.max(RealFft.MIN_LOG2, 64 - Long.numberOfLeadingZeros(2L * k - 1));
        int hi = Math.max(lo, CACHE_LOG2);
        int best = lo;
        double bestCost = 0;
        for (int p = lo; p <= hi; p++) {
            long len = 1L << p;
            long outputs = len - k + 1;
            double cost = (double) ((n + outputs - 1) / outputs) * len * (p + 4);
            if (p == lo || cost < bestCost) {
                best = p;
                bestCost = cost;
            }
            if (outputs >= n) {
                break;
            }
        }
        return best;
    }

    private void captureAllHalos() {
        long units = plan.groups() * pieces;
        presetHalos = new double[Math.toIntExact(units)][][];
        for (long u = 0; u < units; u++) {
            presetHalos[(int) u] = captureHalos(u);
        }
    }

    /** First block of piece {@code piece}. */
    private long pieceStart(long piece) {
        return piece * blocks / pieces;
    }

    /** Own samples of a unit: [p0, p1). */
    private long ownStart(long u) {
        return pieceStart(u % pieces) * m;
    }

    private long ownEnd(long u) {
        return Math.min(pieceStart(u % pieces + 1) * m, n);
    }

    /** Per line of the unit's group: the nb extended values before its own samples, then the na after them. */
    private double[][] captureHalos(long u) {
        long g = u / pieces;
        int lines = plan.groupSize(g);
        long base = plan.inBase(g);
        long p0 = ownStart(u);
        long p1 = ownEnd(u);
        double[][] halos = new double[lines][k - 1];
        for (int l = 0; l < lines; l++) {
            long lineBase = base + l * plan.inGroupStep;
            for (int i = 0; i < k - 1; i++) {
                long p = i < nb ? p0 - nb + i : p1 + (i - nb);
                long src = Extension.source(p, n, mode);
                halos[l][i] = src < 0 ? cval : input.element(lineBase + src * plan.inStep);
            }
        }
        return halos;
    }

    private void run(long from, long to, Scratch scratch) {
        double[] re = new double[fft.h];
        double[] im = new double[fft.h];
        for (long u = from; u < to; u++) {
            runUnit(u, re, im, scratch);
        }
    }

    private void runUnit(long u, double[] re, double[] im, Scratch scratch) {
        long g = u / pieces;
        int lines = plan.groupSize(g);
        double[][] halos = presetHalos != null ? presetHalos[(int) u] : captureHalos(u);
        long inBase = plan.inBase(g);
        long outBase = plan.outBase(g);
        long p0 = ownStart(u);
        long p1 = ownEnd(u);
        long b0 = pieceStart(u % pieces);
        long b1 = pieceStart(u % pieces + 1);
        int len = fft.n;
        double[][] win = scratch.windows(lines, len);
        double[][] res = scratch.outputs(lines, m);
        for (long b = b0; b < b1; b++) {
            int r0 = b == b0 ? 0 : k - 1; // rows below r0 were carried over from the previous block
            fill(inBase, lines, halos, b * m - nb + r0, len - r0, win, r0, p0, p1, scratch);
            for (int l = 0; l < lines; l++) {
                double[] w = win[l];
                for (int i = 0; i < fft.h; i++) {
                    re[i] = w[2 * i];
                    im[i] = w[2 * i + 1];
                }
                fft.correlate(re, im, cr, ci);
                double[] y = res[l];
                for (int i = 0; i < m; i++) {
                    y[i] = (i & 1) == 0 ? re[i >> 1] : im[i >> 1];
                }
                System.arraycopy(w, m, w, 0, k - 1);
            }
            long start = b * m;
            output.write(outBase, lines, start, (int) Math.min(m, p1 - start), res, 0, scratch);
        }
    }

    /**
     * Extended values at positions {@code p .. p+count-1} of each line into {@code win[l][pos ..]}: the head halo
     * before the unit's own samples, the samples themselves, the tail halo, then zeros.
     */
    private void fill(long base, int lines, double[][] halos, long p, int count, double[][] win, int pos, long p0,
                      long p1, Scratch scratch) {
        long end = p + count;
        for (; p < end && p < p0; p++, pos++) {
            for (int l = 0; l < lines; l++) {
                win[l][pos] = halos[l][(int) (p - (p0 - nb))];
            }
        }
        if (p < end && p < p1) {
            int run = (int) (Math.min(end, p1) - p);
            input.read(base, lines, p, run, win, pos, scratch);
            p += run;
            pos += run;
        }
        for (; p < end; p++, pos++) {
            for (int l = 0; l < lines; l++) {
                win[l][pos] = p < p1 + na ? halos[l][(int) (nb + p - p1)] : 0.0;
            }
        }
    }
}
