package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.GaussianKernel;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The strongest pure-Java contender, for the benchmarks only: the direct correlation written with the Vector API
 * ({@code jdk.incubator.vector}), float64, with SciPy's summation order per output (so its results are bit-identical
 * to the other backends). Each line is copied into a padded {@code double[]} (the boundary extension), filtered
 * {@link VectorCorrelation a SIMD register of outputs at a time} (four for symmetric kernels), and copied back.
 * Lines are shared among {@code threads} threads started per call. Deliberately simple about memory: strided lines
 * are gathered one at a time (no tiling), which the transposed-layout benchmark shows.
 */
public final class VectorBackend implements Backend {
    /** Name used by the benchmarks' {@code backend} parameter. */
    public static final String NAME = "vector";

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void gaussian1d(NdArray in, NdArray out, int axis, double sigma, int order, int radius, Mode mode,
                           double cval, int threads) {
        // As SciPy: correlation with the reversed kernel.
        correlate1d(in, out, axis, Backend.reversed(GaussianKernel.weights(sigma, order, radius)), 0, mode, cval,
                threads);
    }

    @Override
    public void correlate1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                            int threads) {
        if (in.dtype() != DType.F64 || out.dtype() != DType.F64) {
            throw new IllegalArgumentException("dtype: the vector contender filters F64 only, got " + in.dtype());
        }
        VectorCorrelation kernel = new VectorCorrelation(weights);
        long n = in.shape(axis);
        long lines = in.size() / n;
        AtomicLong nextLine = new AtomicLong();
        Runnable worker = () -> {
            LineBuffers buffers = LineBuffers.forThread(n, weights.length);
            for (long line = nextLine.getAndIncrement(); line < lines; line = nextLine.getAndIncrement()) {
                filterLine(in, out, axis, line, kernel, origin, mode, cval, buffers);
            }
        };
        runOn(Math.min(threads, lines), worker);
    }

    private static void runOn(long threads, Runnable worker) {
        List<Thread> started = new ArrayList<>();
        for (long t = 1; t < threads; t++) {
            started.add(Thread.ofPlatform().daemon().start(worker));
        }
        worker.run();
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while filtering", e);
            }
        }
    }

    /** The padded input line and the output line of one worker, reused across lines and calls of a thread. */
    private static final class LineBuffers {
        private static final ThreadLocal<LineBuffers> CACHED = new ThreadLocal<>();

        final double[] padded;
        final double[] result;

        /** This thread's buffers when they have the right sizes, else new ones (then kept for the next call). */
        static LineBuffers forThread(long n, int taps) {
            LineBuffers b = CACHED.get();
            if (b == null || b.result.length != n || b.padded.length != n + taps - 1) {
                b = new LineBuffers(n, taps);
                CACHED.set(b);
            }
            return b;
        }

        private LineBuffers(long n, int taps) {
            if (n + taps > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("shape: lines of " + n + " samples are too long for the "
                        + "vector contender (a line must fit a Java array)");
            }
            padded = new double[(int) n + taps - 1];
            result = new double[(int) n];
        }
    }

    private static void filterLine(NdArray in, NdArray out, int axis, long line, VectorCorrelation kernel,
                                   int origin, Mode mode, double cval, LineBuffers buffers) {
        int n = buffers.result.length;
        int before = kernel.size1() + origin; // samples needed left of the line (SciPy shifts by the origin)
        gather(in, lineStart(in, axis, line), in.byteStrides()[axis], n, buffers.padded, before);
        Padding.extend(buffers.padded, before, n, mode, cval);
        kernel.apply(buffers.padded, buffers.result, n);
        scatter(buffers.result, out, lineStart(out, axis, line), out.byteStrides()[axis]);
    }

    /** Byte offset of the first element of line number {@code line} (C order over the other axes). */
    private static long lineStart(NdArray a, int axis, long line) {
        long offset = a.byteOffset();
        long rest = line;
        for (int d = a.ndim() - 1; d >= 0; d--) {
            if (d == axis) {
                continue;
            }
            long extent = a.shape(d);
            offset += (rest % extent) * a.byteStrides()[d];
            rest /= extent;
        }
        return offset;
    }

    private static void gather(NdArray in, long start, long stride, int n, double[] dst, int at) {
        MemorySegment seg = in.segment();
        if (stride == Double.BYTES) {
            MemorySegment.copy(seg, F64, start, dst, at, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[at + i] = seg.get(F64, start + i * stride);
        }
    }

    private static void scatter(double[] src, NdArray out, long start, long stride) {
        MemorySegment seg = out.segment();
        if (stride == Double.BYTES) {
            MemorySegment.copy(src, 0, seg, F64, start, src.length);
            return;
        }
        for (int i = 0; i < src.length; i++) {
            seg.set(F64, start + i * stride, src[i]);
        }
    }
}
