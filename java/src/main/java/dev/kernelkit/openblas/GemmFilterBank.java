package dev.kernelkit.openblas;

import dev.kernelkit.DType;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.purejava.FilterBankLines;
import dev.kernelkit.threads.BoundPool;
import dev.kernelkit.threads.ThreadGuard;
import dev.kernelkit.threads.ThreadLimit;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * A filter bank as matrix products through OpenBLAS (JavaCPP's {@code org.bytedeco:openblas} preset). For a block
 * of B outputs of a line, the extended samples are laid out as a K×B matrix X with row k = {@code ext[b + k ..]}, and
 * the F×K bank W gives all F filters' outputs at once: Y = W·X ({@code cblas_dgemm} for float64,
 * {@code cblas_sgemm} for float32). Lines are extended and walked exactly as by the direct method
 * ({@link FilterBankLines}); the matrices live off-heap (JavaCPP pointers, filled through a MemorySegment view).
 *
 * <p>Results equal the direct method's within the core tolerances, <b>not bit for bit</b>: a GEMM sums the K products
 * in its own order (blocked, possibly fused multiply-adds), not SciPy's, and float32 input is multiplied in single
 * precision. Per output the difference stays within the core tolerances relative to {@code sum |w||x|}: 1e-12 for
 * float64 (in practice a few 1e-16), 1e-5 for float32 (single-precision products and sums).
 *
 * <p>Threads: OpenBLAS's thread pool is process-wide, so each call sets it to the call's thread count and restores
 * the previous count afterwards (also one set by an enclosing {@code ThreadGuard.limitBlas} scope), under a
 * process-wide lock — a GEMM bank never runs with OpenBLAS's default (all cores) beside kernelkit's OpenMP threads,
 * and two concurrent calls do not change each other's setting. The preset maps two copies of OpenBLAS, each with its
 * own pool; the pool set here is the one {@code cblas_dgemm}/{@code cblas_sgemm} really run in
 * ({@link ThreadGuard#poolRunning}, resolved once at load; every loaded BLAS pool where that cannot be told), read
 * and set through OpenBLAS's own getter and setter — not the preset's {@code blas_get_num_threads}, which returns a
 * Java field (-1 until the preset's setter is called) and so cannot restore what another scope set.
 * The extension and the copies into X run on the calling thread.
 */
public final class GemmFilterBank {
    /** Doubles of X per block: with K taps a block has about this / K columns (1 MiB, L2-sized). */
    private static final int BLOCK_BUDGET = 1 << 17;
    /** Fewest columns per block, however long the filters (a GEMM of a few columns is all overhead). */
    private static final int MIN_BLOCK = 64;

    private static final ReentrantLock BLAS_THREADS = new ReentrantLock();
    private static volatile String loadFailure;
    private static volatile boolean loaded;
    /** The pools cblas_dgemm and cblas_sgemm run in (null: unknown, limit every BLAS pool). */
    private static volatile BoundPool dgemmPool;
    private static volatile BoundPool sgemmPool;

    private GemmFilterBank() {
    }

    /** True when OpenBLAS could be loaded (tries once). */
    public static boolean available() {
        return loadError() == null;
    }

    /** Why OpenBLAS cannot be loaded, or null when it can (tries once). */
    public static synchronized String loadError() {
        if (!loaded && loadFailure == null) {
            try {
                String jni = Loader.load(openblas.class);
                dgemmPool = ThreadGuard.poolRunning("cblas_dgemm", jni).orElse(null);
                sgemmPool = ThreadGuard.poolRunning("cblas_sgemm", jni).orElse(null);
                loaded = true;
            } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ...
                loadFailure = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return loadFailure;
    }

    /**
     * Applies the bank (arguments as {@code Backend.filterBank}: out has the F axis inserted before {@code axis} and
     * shares no memory with in) with OpenBLAS on {@code threads} BLAS threads.
     *
     * @throws IllegalStateException when OpenBLAS cannot be loaded, with the reason
     */
    public static void apply(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                             double cval, int threads) {
        String error = loadError();
        if (error != null) {
            throw new IllegalStateException("method gemm: OpenBLAS (org.bytedeco:openblas) cannot be loaded: " + error);
        }
        int k = weights.length / nfilters;
        int block = Math.max(MIN_BLOCK, Math.min(FilterBankLines.ROWS, BLOCK_BUDGET / k));
        BLAS_THREADS.lock();
        try (ThreadLimit limit = limitThreads(in.dtype(), threads);
             Gemm gemm = in.dtype() == DType.F64 ? new Gemm64(weights, nfilters, k, block)
                     : new Gemm32(weights, nfilters, k, block)) {
            FilterBankLines.run(in, out, axis, weights, nfilters, origin, mode, cval, gemm);
        } finally {
            BLAS_THREADS.unlock();
        }
    }

    /** Sets the pool the dtype's GEMM runs in to {@code threads} until close (call under BLAS_THREADS, once loaded). */
    static ThreadLimit limitThreads(DType dtype, int threads) {
        BoundPool pool = gemmPool(dtype);
        return pool != null ? pool.limit(threads) : ThreadGuard.limitBlas(threads);
    }

    /** The pool the dtype's GEMM runs in, or null when it could not be told (or OpenBLAS is not loaded). */
    static BoundPool gemmPool(DType dtype) {
        return dtype == DType.F64 ? dgemmPool : sgemmPool;
    }

    /** Y = W·X over blocks of a unit's extended rows, with the matrices off-heap. */
    private abstract static class Gemm implements FilterBankLines.Rows, AutoCloseable {
        final int f;
        final int k;
        final int block;

        Gemm(int f, int k, int block) {
            this.f = f;
            this.k = k;
            this.block = block;
        }

        @Override
        public void filter(double[] ext, int m, double[][] results) {
            prepare(ext, m + k - 1);
            for (int b0 = 0; b0 < m; b0 += block) {
                int nb = Math.min(block, m - b0);
                for (int row = 0; row < k; row++) {
                    putRow(ext, b0 + row, row * nb, nb); // X is k x nb, row-major
                }
                multiply(nb);
                for (int r = 0; r < f; r++) {
                    getRow(r * nb, results[r], b0, nb);
                }
            }
        }

        /** Called once per unit before the rows are copied: the first {@code count} values of ext are used. */
        void prepare(double[] ext, int count) {
        }

        /** X[at .. at+count) = ext[from .. from+count). */
        abstract void putRow(double[] ext, int from, long at, int count);

        /** Y = W·X for X of k x nb. */
        abstract void multiply(int nb);

        /** dst[to .. to+count) = Y[at .. at+count). */
        abstract void getRow(long at, double[] dst, int to, int count);

        @Override
        public abstract void close();
    }

    private static final class Gemm64 extends Gemm {
        private final DoublePointer w;
        private final DoublePointer x;
        private final DoublePointer y;
        private final MemorySegment xs;
        private final MemorySegment ys;

        Gemm64(double[] weights, int f, int k, int block) {
            super(f, k, block);
            w = new DoublePointer(weights);
            x = new DoublePointer((long) k * block);
            y = new DoublePointer((long) f * block);
            xs = MemorySegment.ofAddress(x.address()).reinterpret(8L * k * block);
            ys = MemorySegment.ofAddress(y.address()).reinterpret(8L * f * block);
        }

        @Override
        void putRow(double[] ext, int from, long at, int count) {
            MemorySegment.copy(ext, from, xs, ValueLayout.JAVA_DOUBLE, 8 * at, count);
        }

        @Override
        void multiply(int nb) {
            openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, f, nb, k,
                    1.0, w, k, x, nb, 0.0, y, nb);
        }

        @Override
        void getRow(long at, double[] dst, int to, int count) {
            MemorySegment.copy(ys, ValueLayout.JAVA_DOUBLE, 8 * at, dst, to, count);
        }

        @Override
        public void close() {
            w.close();
            x.close();
            y.close();
        }
    }

    /** float32: X, W and Y in single precision (the input's own precision; cval and weights rounded to float). */
    private static final class Gemm32 extends Gemm {
        private final FloatPointer w;
        private final FloatPointer x;
        private final FloatPointer y;
        private final MemorySegment xs;
        private final MemorySegment ys;
        private final float[] row;
        /** The unit's extended rows rounded to float once, so each X row is a bulk copy. */
        private float[] ext32 = new float[0];

        Gemm32(double[] weights, int f, int k, int block) {
            super(f, k, block);
            float[] wf = new float[weights.length];
            for (int i = 0; i < wf.length; i++) {
                wf[i] = (float) weights[i];
            }
            w = new FloatPointer(wf);
            x = new FloatPointer((long) k * block);
            y = new FloatPointer((long) f * block);
            xs = MemorySegment.ofAddress(x.address()).reinterpret(4L * k * block);
            ys = MemorySegment.ofAddress(y.address()).reinterpret(4L * f * block);
            row = new float[block];
        }

        @Override
        void prepare(double[] ext, int count) {
            if (ext32.length < count) {
                ext32 = new float[count];
            }
            for (int i = 0; i < count; i++) {
                ext32[i] = (float) ext[i];
            }
        }

        @Override
        void putRow(double[] ext, int from, long at, int count) {
            MemorySegment.copy(ext32, from, xs, ValueLayout.JAVA_FLOAT, 4 * at, count);
        }

        @Override
        void multiply(int nb) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, f, nb, k,
                    1.0f, w, k, x, nb, 0.0f, y, nb);
        }

        @Override
        void getRow(long at, double[] dst, int to, int count) {
            MemorySegment.copy(ys, ValueLayout.JAVA_FLOAT, 4 * at, row, 0, count);
            for (int i = 0; i < count; i++) {
                dst[to + i] = row[i];
            }
        }

        @Override
        public void close() {
            w.close();
            x.close();
            y.close();
        }
    }
}
