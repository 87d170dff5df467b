package dev.kernelkit.purejava;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;

/**
 * One correlate1d call, cut into units of work: a unit is one group of lines (see {@link LinePlan}) and one piece
 * {@code [start, end)} of their length. Units never share outputs, and every output is computed the same way whatever
 * the cut, so the result does not depend on how units are spread over threads.
 *
 * <h2>Streaming a unit</h2>
 * Output {@code i} needs the extended samples {@code i - before .. i + after} ({@code before = size1 + origin},
 * {@code after = size2 - origin}). The extended stream of a piece is its <em>left context</em> (the {@code before}
 * samples ahead of {@code start}: padding by the mode at the line's start, real samples inside the line), its own
 * samples, and its <em>right context</em>. The stream passes through a window of {@code W + K - 1} samples per line:
 * fill, compute {@code W} outputs, write them, slide the last {@code K - 1} samples to the front, read the next
 * {@code W}. Only a window's worth of memory is used however long the line.
 *
 * <h2>In place</h2>
 * Reads run ahead of writes: the next samples read ({@code >= done + after}) are never ones already overwritten
 * ({@code < done}). The contexts are taken before the unit writes anything; they are the only samples a unit reads
 * that another unit writes, so when lines are split into several pieces in place, all contexts are taken by the
 * caller before any unit runs ({@link #captureContexts}).
 */
final class LineFilter {
    /** Doubles of window per unit: W is about this divided by the lines in the group (256 KiB). */
    private static final int WINDOW_BUDGET = 1 << 15;
    /** Fewest outputs per window (one kernel block), so that sliding the K - 1 overlap stays cheap. */
    private static final int MIN_WINDOW = CorrelationKernel.BLOCK;

    private final LinePlan plan;
    private final Taps taps;
    private final Mode mode;
    private final double cval;
    private final int before;
    private final int after;
    private final int pieces;
    private final LineIO input;
    private final LineIO output;
    /** Contexts taken in advance, per unit, or null when each unit takes its own. */
    private double[][] presetContexts;

    LineFilter(NdArray in, NdArray out, LinePlan plan, Taps taps, int origin, Mode mode, double cval, int pieces) {
        this.plan = plan;
        this.taps = taps;
        this.mode = mode;
        this.cval = cval;
        this.before = taps.size1() + origin;
        this.after = taps.size2() - origin;
        this.pieces = pieces;
        this.input = new LineIO(in.segment(), in.dtype(), plan.inStep, plan.inGroupStep);
        this.output = new LineIO(out.segment(), out.dtype(), plan.outStep, plan.outGroupStep);
    }

    /** Number of units: groups × pieces. */
    long units() {
        return plan.groups() * pieces;
    }

    /** Takes every unit's contexts now (on the calling thread), for in-place filtering of split lines. */
    void captureContexts() {
        int units = Math.toIntExact(units());
        double[][] all = new double[units][];
        for (int u = 0; u < units; u++) {
            int lines = plan.groupSize(u / pieces);
            all[u] = new double[lines * (before + after)];
            takeContexts(u, lines, all[u]);
        }
        presetContexts = all;
    }

    /** Filters units {@code from .. to-1}. */
    void run(long from, long to, Scratch scratch) {
        for (long u = from; u < to; u++) {
            filterUnit(u, scratch);
        }
    }

    private long pieceStart(long piece) {
        // piece * length / pieces without overflow: pieces are at most a few thousand, lengths below 2^62.
        long q = plan.length / pieces;
        long r = plan.length % pieces;
        return piece * q + Math.min(piece, r);
    }

    private void takeContexts(long unit, int lines, double[] ctx) {
        long group = unit / pieces;
        long piece = unit % pieces;
        long start = pieceStart(piece);
        long end = pieceStart(piece + 1);
        long base = plan.inBase(group);
        for (int g = 0; g < lines; g++) {
            long lineBase = base + g * plan.inGroupStep;
            for (int q = 0; q < before; q++) {
                ctx[g * before + q] = extendedSample(lineBase, start - before + q);
            }
            for (int q = 0; q < after; q++) {
                ctx[lines * before + g * after + q] = extendedSample(lineBase, end + q);
            }
        }
    }

    private double extendedSample(long lineBase, long i) {
        long src = Extension.source(i, plan.length, mode);
        return src < 0 ? cval : input.element(lineBase + src * plan.inStep);
    }

    private void filterUnit(long unit, Scratch scratch) {
        long group = unit / pieces;
        long piece = unit % pieces;
        int lines = plan.groupSize(group);
        long start = pieceStart(piece);
        long len = pieceStart(piece + 1) - start;
        int halo = before + after;
        double[] ctx;
        if (presetContexts != null) {
            ctx = presetContexts[(int) unit];
        } else {
            ctx = scratch.contexts(lines * halo);
            takeContexts(unit, lines, ctx);
        }
        int w = (int) Math.min(len, Math.max(MIN_WINDOW, WINDOW_BUDGET / lines - halo));
        double[][] wins = scratch.windows(lines, w + halo);
        double[][] outs = scratch.outputs(lines, w);
        long inBase = plan.inBase(group);
        long outBase = plan.outBase(group);
        fill(wins, 0, 0, (int) Math.min(len, w) + halo, lines, start, len, ctx, inBase, scratch);
        long done = 0;
        while (true) {
            int m = (int) Math.min(w, len - done);
            for (int g = 0; g < lines; g++) {
                scratch.kernel.correlate(taps, wins[g], 0, m, outs[g], 0);
            }
            output.write(outBase, lines, start + done, m, outs, 0, scratch);
            done += m;
            if (done == len) {
                return;
            }
            int next = (int) Math.min(w, len - done);
            for (int g = 0; g < lines; g++) {
                System.arraycopy(wins[g], m, wins[g], 0, halo);
            }
            fill(wins, halo, done + halo, next, lines, start, len, ctx, inBase, scratch);
        }
    }

    /**
     * Copies positions {@code e0 .. e0+count-1} of a unit's extended stream (left context, the piece's samples
     * from {@code start}, right context) into {@code wins[g][pos ..]}.
     */
    private void fill(double[][] wins, int pos, long e0, int count, int lines, long start, long len, double[] ctx,
                      long inBase, Scratch scratch) {
        long e1 = e0 + count;
        for (long e = e0; e < Math.min(e1, before); e++) {
            for (int g = 0; g < lines; g++) {
                wins[g][pos + (int) (e - e0)] = ctx[g * before + (int) e];
            }
        }
        long d0 = Math.max(e0, before);
        long d1 = Math.min(e1, before + len);
        if (d0 < d1) {
            input.read(inBase, lines, start + d0 - before, (int) (d1 - d0), wins, pos + (int) (d0 - e0), scratch);
        }
        int rightBase = lines * before;
        for (long e = Math.max(e0, before + len); e < e1; e++) {
            int q = (int) (e - before - len);
            for (int g = 0; g < lines; g++) {
                wins[g][pos + (int) (e - e0)] = ctx[rightBase + g * after + q];
            }
        }
    }
}
