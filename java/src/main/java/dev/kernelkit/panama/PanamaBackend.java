package dev.kernelkit.panama;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code panama} backend: FFM downcalls into libkernelkit (OpenMP, vectorised C).
 *
 * <p>Off-heap arrays (arenas, mapped files, shared memory) go to C as they are: zero-copy. Heap arrays
 * ({@code double[]}, {@code float[]}) reach C without a copy through a critical downcall when the call is small: at
 * most {@link #criticalMaxBytes()} bytes spanned by input and output (default 256 KiB,
 * {@value #CRITICAL_MAX_BYTES_PROPERTY}) and at most {@value #CRITICAL_MAX_WORK} multiply-adds (well under a
 * millisecond). A critical call holds off every safepoint, and so every other thread's GC, while it runs; measured
 * (bench/heapcall-2026-11-24.txt, CallOverheadBenchmark's panama paths), it costs the same as an off-heap call,
 * while the copy path costs 2-3 times as much for 4 K-64 K samples. Larger heap calls are copied through a reused per-thread off-heap buffer around a normal
 * downcall. Large data belongs off-heap or memory-mapped.
 */
public final class PanamaBackend implements Backend {
    public static final String NAME = "panama";

    /** System property: the largest heap call, in bytes spanned by input and output, sent as a critical call. */
    public static final String CRITICAL_MAX_BYTES_PROPERTY = "kernelkit.panama.criticalMaxBytes";

    private static final long DEFAULT_CRITICAL_MAX_BYTES = Long.getLong(CRITICAL_MAX_BYTES_PROPERTY, 256 * 1024);

    /** Most multiply-adds (elements x taps) a critical call may do: about 0.1 ms on one core. */
    public static final long CRITICAL_MAX_WORK = 1L << 20;

    private final KernelkitNative nat;
    private final long criticalMaxBytes;

    /** Loads libkernelkit; throws IllegalStateException (with the reason) when it cannot. */
    public PanamaBackend() {
        this(DEFAULT_CRITICAL_MAX_BYTES);
    }

    /**
     * A backend with its own critical-call limit (0: heap arrays are always copied); for measuring the trade-off.
     */
    public PanamaBackend(long criticalMaxBytes) {
        if (criticalMaxBytes < 0) {
            throw new IllegalArgumentException("criticalMaxBytes: " + criticalMaxBytes + " must be >= 0");
        }
        this.criticalMaxBytes = criticalMaxBytes;
        this.nat = new KernelkitNative(NativeLibrary.load().symbols());
        int v = version();
        if ((v >>> 16) != NativeAbi.MAJOR_VERSION) {
            throw new IllegalStateException("kernelkit: native library " + versionString() + " at "
                    + NativeLibrary.path() + " has an incompatible major version (expected "
                    + NativeAbi.MAJOR_VERSION + ")");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code kk_version()}: (major << 16) | (minor << 8) | patch. */
    public int version() {
        try {
            return (int) nat.version.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code kk_version_string()}, e.g. "0.1.0". */
    public String versionString() {
        try {
            MemorySegment s = (MemorySegment) nat.versionString.invokeExact();
            return s.reinterpret(64).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** True when the library was built with OpenMP. */
    public boolean hasOpenMP() {
        try {
            return (int) nat.hasOpenmp.invokeExact() != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The instruction-set level the native kernels use in this process ({@code kk_isa}): "baseline", "avx2" or
     * "avx512"; chosen when the library was loaded, from the CPU and the KERNELKIT_ISA environment variable.
     */
    public String isa() {
        try {
            return isaName((int) nat.isa.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Every level this CPU and library can run, lowest first (always starting with "baseline"). */
    public List<String> supportedIsas() {
        List<String> levels = new ArrayList<>();
        try {
            // Levels are numbered from 1; the library names every level it knows, so the list ends at "unknown".
            for (int level = 1; !isaName(level).equals(UNKNOWN_ISA); level++) {
                if ((int) nat.isaSupported.invokeExact(level) != 0) {
                    levels.add(isaName(level));
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return List.copyOf(levels);
    }

    /** How {@link #isa()} was chosen, e.g. "forced by KERNELKIT_ISA=avx2" ({@code kk_isa_reason}). */
    public String isaReason() {
        try {
            return staticString((MemorySegment) nat.isaReason.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final String UNKNOWN_ISA = "unknown";

    private String isaName(int level) throws Throwable {
        return staticString((MemorySegment) nat.isaName.invokeExact(level));
    }

    /** A NUL-terminated static string returned by the library (short: names and one-line messages). */
    private static String staticString(MemorySegment s) {
        return s.reinterpret(4096).getString(0);
    }

    /** The heap-call size limit for critical downcalls, in bytes. */
    public long criticalMaxBytes() {
        return criticalMaxBytes;
    }

    /** {@code kk_gaussian_kernel1d}: SciPy's Gaussian kernel (not reversed), computed natively. */
    public double[] gaussianKernel(double sigma, int order, int radius) {
        double[] kernel = new double[2 * radius + 1];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(JAVA_DOUBLE, kernel.length);
            int status = (int) nat.gaussianKernel1d.invokeExact(sigma, order, (long) radius, buf);
            check(status);
            MemorySegment.copy(buf, JAVA_DOUBLE, 0, kernel, 0, kernel.length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return kernel;
    }

    @Override
    public void correlate1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                            int threads) {
        fir(nat.correlate1d, nat.correlate1dCritical, in, out, axis, weights, origin, mode, cval, threads);
    }

    @Override
    public void convolve1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                           int threads) {
        fir(nat.convolve1d, nat.convolve1dCritical, in, out, axis, weights, origin, mode, cval, threads);
    }

    @Override
    public void correlate1dFft(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode,
                               double cval, int threads) {
        fir(nat.correlate1dFft, nat.correlate1dFftCritical, in, out, axis, weights, origin, mode, cval, threads);
    }

    /** kk_correlate1d, kk_convolve1d or kk_correlate1d_fft (one signature), through its plain or critical handle. */
    private void fir(MethodHandle plain, MethodHandle critical, NdArray in, NdArray out, int axis, double[] weights,
                     int origin, Mode mode, double cval, int threads) {
        execute(in, out, weights, weights.length, (isCritical, shape, inData, inStrides, outData, outStrides, w) ->
                (int) (isCritical ? critical : plain).invokeExact(
                        NativeAbi.dtype(in.dtype()), in.ndim(), shape, inData, inStrides, outData, outStrides,
                        axis, w, (long) weights.length, (long) origin, mode.ordinal(), cval, threads));
    }

    @Override
    public void gaussian1d(NdArray in, NdArray out, int axis, double sigma, int order, int radius, Mode mode,
                           double cval, int threads) {
        execute(in, out, null, 2L * radius + 1, (critical, shape, inData, inStrides, outData, outStrides, w) ->
                (int) (critical ? nat.gaussian1dCritical : nat.gaussian1d).invokeExact(
                        NativeAbi.dtype(in.dtype()), in.ndim(), shape, inData, inStrides, outData, outStrides,
                        axis, sigma, order, 4.0, (long) radius, mode.ordinal(), cval, threads));
    }

    @Override
    public void lfilter(NdArray in, NdArray out, int axis, double[] b, double[] zi, double[] zf, int threads) {
        execute(in, out, b, b.length, (critical, shape, inData, inStrides, outData, outStrides, w) -> {
            if (critical) {
                return (int) nat.lfilterFirCritical.invokeExact(NativeAbi.dtype(in.dtype()), in.ndim(), shape,
                        inData, inStrides, outData, outStrides, axis, w, (long) b.length, heapOrNull(zi),
                        heapOrNull(zf), threads);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ziSeg = zi == null ? MemorySegment.NULL : arena.allocateFrom(JAVA_DOUBLE, zi);
                MemorySegment zfSeg = zf == null ? MemorySegment.NULL : arena.allocate(JAVA_DOUBLE, zf.length);
                int status = (int) nat.lfilterFir.invokeExact(NativeAbi.dtype(in.dtype()), in.ndim(), shape,
                        inData, inStrides, outData, outStrides, axis, w, (long) b.length, ziSeg, zfSeg, threads);
                if (zf != null) {
                    MemorySegment.copy(zfSeg, JAVA_DOUBLE, 0, zf, 0, zf.length);
                }
                return status;
            }
        });
    }

    @Override
    public void filterBank(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                           double cval, int threads) {
        try {
            check(BankDowncall.invoke(nat.filterbank1d, in, out, axis, weights, nfilters, origin, mode, cval,
                    threads));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment heapOrNull(double[] a) {
        return a == null ? MemorySegment.NULL : MemorySegment.ofArray(a);
    }

    // ---------------------------------------------------------------- marshalling

    /** One native filter call, given its array arguments as segments. */
    @FunctionalInterface
    private interface Downcall {
        int invoke(boolean critical, MemorySegment shape, MemorySegment inData, MemorySegment inStrides,
                   MemorySegment outData, MemorySegment outStrides, MemorySegment weights) throws Throwable;
    }

    /**
     * Runs a call with each array where C can reach it: off-heap as is, small heap calls critically, large heap
     * arrays through off-heap copies.
     */
    private void execute(NdArray in, NdArray out, double[] weights, long taps, Downcall call) {
        boolean inPlace = Backend.inPlace(in, out);
        long inBytes = in.spannedBytes().byteSize();
        long outBytes = inPlace ? 0 : out.spannedBytes().byteSize();
        boolean heap = in.isHeap() || out.isHeap();
        boolean small = inBytes + outBytes <= criticalMaxBytes
                && (double) in.size() * (double) taps <= CRITICAL_MAX_WORK;
        try {
            int status;
            if (heap && small) {
                // Heap segments straight to C; the small argument arrays can stay on the heap too.
                status = call.invoke(true, MemorySegment.ofArray(in.shape()), dataPointer(in),
                        MemorySegment.ofArray(in.byteStrides()), dataPointer(out),
                        MemorySegment.ofArray(out.byteStrides()),
                        weights == null ? MemorySegment.NULL : MemorySegment.ofArray(weights));
            } else {
                try (Arena arena = Arena.ofConfined()) {
                    // Only heap arrays need staging; off-heap calls skip the per-thread buffer altogether.
                    MemorySegment staging = heap ? StagingBuffer.borrow(
                            (in.isHeap() ? align64(inBytes) : 0) + (out.isHeap() ? outBytes : 0), arena) : null;
                    NdArray cin = in.isHeap() ? stage(in, staging.asSlice(0, inBytes), true) : in;
                    NdArray cout = inPlace ? cin
                            : (out.isHeap() ? stage(out, staging.asSlice(staging.byteSize() - outBytes), false)
                            : out);
                    // The small argument arrays in one allocation: shape, input strides, output strides, weights.
                    int n = in.ndim();
                    MemorySegment args = arena.allocate(JAVA_LONG, 3L * n + (weights == null ? 0 : weights.length));
                    MemorySegment.copy(in.shape(), 0, args, JAVA_LONG, 0, n);
                    MemorySegment.copy(in.byteStrides(), 0, args, JAVA_LONG, 8L * n, n);
                    MemorySegment.copy(out.byteStrides(), 0, args, JAVA_LONG, 16L * n, n);
                    MemorySegment w = MemorySegment.NULL;
                    if (weights != null) {
                        w = args.asSlice(24L * n);
                        MemorySegment.copy(weights, 0, w, JAVA_DOUBLE, 0, weights.length);
                    }
                    status = call.invoke(false, args.asSlice(0, 8L * n), dataPointer(cin),
                            args.asSlice(8L * n, 8L * n), dataPointer(cout), args.asSlice(16L * n, 8L * n), w);
                    // Only a staged output comes back; an off-heap output (also in place) was written by C.
                    if (status == 0 && out.isHeap()) {
                        copyBack(cout, out);
                    }
                }
            }
            check(status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static long align64(long bytes) {
        return (bytes + 63) & ~63L;
    }

    /**
     * The same view over {@code copy}, an off-heap buffer the size of the bytes the view spans; with
     * {@code copyValues} those bytes are copied in first (an input needs them; an output does not, as only its
     * elements are copied back).
     */
    private static NdArray stage(NdArray a, MemorySegment copy, boolean copyValues) {
        MemorySegment span = a.spannedBytes();
        if (copyValues) {
            MemorySegment.copy(span, 0, copy, 0, span.byteSize());
        }
        long offset = a.offset() - a.minElementOffset();
        return NdArray.of(copy, a.dtype(), a.shape(), a.strides(), offset);
    }

    /**
     * Copies a staged output's elements, and nothing else, back into {@code out}. The bytes between a view's
     * elements may belong to other views that other threads are filtering at this moment (e.g. column blocks of one
     * array): writing the whole span back would put old values over their results.
     */
    private static void copyBack(NdArray staged, NdArray out) {
        if (hasGaps(out)) {
            out.copyFrom(staged);
        } else {
            MemorySegment.copy(staged.spannedBytes(), 0, out.spannedBytes(), 0, out.spannedBytes().byteSize());
        }
    }

    /** True when the bytes the view spans include bytes that are not its elements. */
    private static boolean hasGaps(NdArray a) {
        return a.spannedBytes().byteSize() != a.size() * a.dtype().byteSize();
    }

    /** Address of element (0, ..., 0), as the ABI wants it. */
    private static MemorySegment dataPointer(NdArray a) {
        return a.segment().asSlice(a.byteOffset());
    }

    private void check(int status) {
        if (status != 0) {
            NativeAbi.fail(status, nat.message(status));
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
