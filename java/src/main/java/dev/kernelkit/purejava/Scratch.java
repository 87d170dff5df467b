package dev.kernelkit.purejava;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers one worker needs: line windows, output buffers, contexts and the kernel's regions. Taken from a small
 * shared pool for the duration of one call (not per line), so filtering allocates nothing in its loops and large
 * buffers are reused across calls. Buffers only grow; a scratch that grew very large is not kept.
 */
final class Scratch {
    /** Scratches kept for reuse (enough for every thread of a few concurrent calls). */
    private static final int POOL_LIMIT = 32;
    /** Scratches holding more than this many doubles of buffers are dropped after use (64 MiB). */
    private static final long RETAIN_LIMIT = 8L << 20;

    private static final ConcurrentLinkedQueue<Scratch> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    final CorrelationKernel kernel = new CorrelationKernel();
    private double[][] windows = new double[0][];
    private double[][] outputs = new double[0][];
    private double[] contexts = new double[0];
    private float[] floats = new float[0];
    private double[] tile = new double[0];

    static Scratch acquire() {
        Scratch s = POOL.poll();
        if (s == null) {
            return new Scratch();
        }
        POOLED.decrementAndGet();
        return s;
    }

    static void release(Scratch s) {
        if (s.footprint() <= RETAIN_LIMIT && POOLED.incrementAndGet() <= POOL_LIMIT) {
            POOL.offer(s);
        } else if (s.footprint() <= RETAIN_LIMIT) {
            POOLED.decrementAndGet();
        }
    }

    /** {@code lines} buffers of at least {@code length} doubles for extended samples. */
    double[][] windows(int lines, int length) {
        windows = grow(windows, lines, length);
        return windows;
    }

    /** {@code lines} buffers of at least {@code length} doubles for results. */
    double[][] outputs(int lines, int length) {
        outputs = grow(outputs, lines, length);
        return outputs;
    }

    /** At least {@code length} doubles for the values beyond a piece's ends. */
    double[] contexts(int length) {
        if (contexts.length < length) {
            contexts = new double[length];
        }
        return contexts;
    }

    /** At least {@code length} floats for float32 conversion. */
    float[] floats(int length) {
        if (floats.length < length) {
            floats = new float[length];
        }
        return floats;
    }

    /** At least {@code length} doubles for a tile of rows being transposed. */
    double[] tile(int length) {
        if (tile.length < length) {
            tile = new double[length];
        }
        return tile;
    }

    private static double[][] grow(double[][] bufs, int lines, int length) {
        if (bufs.length < lines) {
            double[][] bigger = new double[lines][];
            System.arraycopy(bufs, 0, bigger, 0, bufs.length);
            bufs = bigger;
        }
        for (int g = 0; g < lines; g++) {
            if (bufs[g] == null || bufs[g].length < length) {
                bufs[g] = new double[length];
            }
        }
        return bufs;
    }

    private long footprint() {
        long n = contexts.length + floats.length / 2 + tile.length;
        for (double[] b : windows) {
            n += b == null ? 0 : b.length;
        }
        for (double[] b : outputs) {
            n += b == null ? 0 : b.length;
        }
        return n;
    }
}
