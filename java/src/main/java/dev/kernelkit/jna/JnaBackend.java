package dev.kernelkit.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.panama.NativeAbi;
import dev.kernelkit.panama.NativeLibrary;
import dev.kernelkit.spi.Backend;
import java.lang.foreign.MemorySegment;

/**
 * The {@code jna} backend: libkernelkit through JNA direct mapping, as a second, independent way into the same C
 * code (and a baseline for what Panama saves). It loads the very file the Panama loader found or extracted
 * ({@link NativeLibrary#path()}), so the library is extracted once per JVM whichever backend runs first.
 *
 * <p>Off-heap arrays (arenas, mapped files, shared memory) go to C as raw addresses: zero-copy. Heap arrays cannot:
 * JNA passes a primitive array only whole and from index 0 (and may copy it), while an {@link NdArray} may be a
 * strided view into the middle of one. So heap inputs are copied into malloc'd native memory (C order) before the
 * call and heap outputs copied back after it. That costs two passes over the data per call; keep large data
 * off-heap or mapped (as with Panama's non-critical path).
 *
 * <p>Unlike a Panama downcall, which keeps the arrays' arenas alive until it returns, a raw address cannot: closing
 * a shared arena from another thread while a {@code jna} call runs on its memory frees it under the native code.
 * Close arenas only after the calls on them have returned.
 */
public final class JnaBackend implements Backend {
    public static final String NAME = "jna";

    private static final Object LOCK = new Object();
    private static boolean registered;

    /** Loads libkernelkit through JNA; throws IllegalStateException (with the reason) when it cannot. */
    public JnaBackend() {
        synchronized (LOCK) {
            if (!registered) {
                String path = NativeLibrary.path().toString();
                try {
                    KernelkitJna.register(path);
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    throw new IllegalStateException("kernelkit: JNA cannot bind " + path + ": " + e.getMessage(), e);
                }
                registered = true;
            }
        }
        int major = KernelkitJna.kk_version() >>> 16;
        if (major != NativeAbi.MAJOR_VERSION) {
            throw new IllegalStateException("kernelkit: native library " + versionString()
                    + " has an incompatible major version (expected " + NativeAbi.MAJOR_VERSION + ")");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code kk_version_string()}, e.g. "0.1.0". */
    public String versionString() {
        return KernelkitJna.kk_version_string();
    }

    @Override
    public void correlate1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                            int threads) {
        run(in, out, (cin, cout) -> KernelkitJna.kk_correlate1d(NativeAbi.dtype(in.dtype()), in.ndim(), in.shape(),
                address(cin), cin.byteStrides(), address(cout), cout.byteStrides(), axis, weights, weights.length,
                origin, mode.ordinal(), cval, threads));
    }

    @Override
    public void correlate1dFft(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode,
                               double cval, int threads) {
        run(in, out, (cin, cout) -> KernelkitJna.kk_correlate1d_fft(NativeAbi.dtype(in.dtype()), in.ndim(),
                in.shape(), address(cin), cin.byteStrides(), address(cout), cout.byteStrides(), axis, weights,
                weights.length, origin, mode.ordinal(), cval, threads));
    }

    @Override
    public void convolve1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                           int threads) {
        run(in, out, (cin, cout) -> KernelkitJna.kk_convolve1d(NativeAbi.dtype(in.dtype()), in.ndim(), in.shape(),
                address(cin), cin.byteStrides(), address(cout), cout.byteStrides(), axis, weights, weights.length,
                origin, mode.ordinal(), cval, threads));
    }

    @Override
    public void gaussian1d(NdArray in, NdArray out, int axis, double sigma, int order, int radius, Mode mode,
                           double cval, int threads) {
        // radius >= 0 is used as given, so truncate is ignored by the library.
        run(in, out, (cin, cout) -> KernelkitJna.kk_gaussian1d(NativeAbi.dtype(in.dtype()), in.ndim(), in.shape(),
                address(cin), cin.byteStrides(), address(cout), cout.byteStrides(), axis, sigma, order, 4.0,
                radius, mode.ordinal(), cval, threads));
    }

    @Override
    public void lfilter(NdArray in, NdArray out, int axis, double[] b, double[] zi, double[] zf, int threads) {
        // JNA passes the small double[] arguments by copy-in/copy-out (zf comes back written).
        run(in, out, (cin, cout) -> KernelkitJna.kk_lfilter_fir(NativeAbi.dtype(in.dtype()), in.ndim(), in.shape(),
                address(cin), cin.byteStrides(), address(cout), cout.byteStrides(), axis, b, b.length, zi, zf,
                threads));
    }

    @Override
    public void filterBank(NdArray in, NdArray out, int axis, double[] weights, int nfilters, int origin, Mode mode,
                           double cval, int threads) {
        // out never overlaps in (SPI contract), so run() stages each side on its own.
        run(in, out, (cin, cout) -> KernelkitJna.kk_filterbank1d(NativeAbi.dtype(in.dtype()), in.ndim(),
                in.shape(), address(cin), cin.byteStrides(), address(cout), cout.byteStrides(), axis, weights,
                nfilters, weights.length / nfilters, origin, mode.ordinal(), cval, threads));
    }

    /** One native call on off-heap views of the input and output. */
    @FunctionalInterface
    private interface Call {
        int invoke(NdArray in, NdArray out);
    }

    /**
     * Runs {@code call} with both arrays off-heap: off-heap views as they are, heap views through C-ordered native
     * copies. The SPI contract says {@code out} is the identical view of {@code in} or disjoint from it, so any
     * overlap means in place (and then one copy serves both).
     */
    private static void run(NdArray in, NdArray out, Call call) {
        boolean inPlace = Backend.inPlace(in, out);
        long inBytes = in.isHeap() ? in.size() * in.dtype().byteSize() : 0;
        long outBytes = (out.isHeap() && !inPlace) ? out.size() * out.dtype().byteSize() : 0;
        if (inBytes + outBytes == 0) {
            check(call.invoke(in, out));
            return;
        }
        // Memory is malloc'd (not zeroed, unlike an Arena's) and freed on close.
        try (Memory staging = new Memory(inBytes + outBytes)) {
            MemorySegment bytes = MemorySegment.ofAddress(Pointer.nativeValue(staging)).reinterpret(inBytes + outBytes);
            NdArray cin = in;
            if (in.isHeap()) {
                cin = NdArray.of(bytes.asSlice(0, inBytes), in.dtype(), in.shape());
                cin.copyFrom(in);
            }
            NdArray cout = inPlace ? cin
                    : out.isHeap() ? NdArray.of(bytes.asSlice(inBytes, outBytes), out.dtype(), out.shape()) : out;
            check(call.invoke(cin, cout));
            if (cout != out) {
                out.copyFrom(cout);
            }
        }
    }

    /** Address of element (0, ..., 0) of an off-heap view, as the ABI wants it. */
    private static Pointer address(NdArray a) {
        return new Pointer(a.segment().address() + a.byteOffset());
    }

    private static void check(int status) {
        if (status != 0) {
            NativeAbi.fail(status, KernelkitJna.kk_strerror(status));
        }
    }
}
