package dev.kernelkit.panama;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The {@code kk_filterbank1d} downcall. Its output has one dimension more than its input, so it does not fit the
 * shared marshalling of {@link PanamaBackend} (one shape for both arrays); and a bank multiplies the work by the
 * number of filters, so it never qualifies for a critical call: heap arrays always go through C-ordered off-heap
 * copies in the per-thread {@link StagingBuffer} (the output never overlaps the input, so each side is staged on
 * its own).
 */
final class BankDowncall {
    private BankDowncall() {
    }

    /** Runs the call and returns the library's status. */
    static int invoke(MethodHandle handle, NdArray in, NdArray out, int axis, double[] weights, int nfilters,
                      int origin, Mode mode, double cval, int threads) throws Throwable {
        long inBytes = in.isHeap() ? align64(in.size() * in.dtype().byteSize()) : 0;
        long outBytes = out.isHeap() ? out.size() * out.dtype().byteSize() : 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = inBytes + outBytes > 0 ? StagingBuffer.borrow(inBytes + outBytes, arena) : null;
            NdArray cin = in;
            if (in.isHeap()) {
                cin = NdArray.of(staging.asSlice(0, inBytes), in.dtype(), in.shape());
                cin.copyFrom(in);
            }
            NdArray cout = out.isHeap() ? NdArray.of(staging.asSlice(inBytes, outBytes), out.dtype(), out.shape())
                    : out;
            int n = in.ndim();
            // shape, input strides, output strides (n + 1), weights: one allocation.
            MemorySegment args = arena.allocate(JAVA_LONG, 3L * n + 1 + weights.length);
            MemorySegment.copy(in.shape(), 0, args, JAVA_LONG, 0, n);
            MemorySegment.copy(cin.byteStrides(), 0, args, JAVA_LONG, 8L * n, n);
            MemorySegment.copy(cout.byteStrides(), 0, args, JAVA_LONG, 16L * n, n + 1);
            MemorySegment w = args.asSlice(8L * (3L * n + 1));
            MemorySegment.copy(weights, 0, w, JAVA_DOUBLE, 0, weights.length);
            int status = (int) handle.invokeExact(NativeAbi.dtype(in.dtype()), n, args.asSlice(0, 8L * n),
                    data(cin), args.asSlice(8L * n, 8L * n), data(cout), args.asSlice(16L * n, 8L * (n + 1)),
                    axis, w, (long) nfilters, (long) (weights.length / nfilters), (long) origin, mode.ordinal(),
                    cval, threads);
            if (status == 0 && cout != out) {
                out.copyFrom(cout);
            }
            return status;
        }
    }

    private static long align64(long bytes) {
        return (bytes + 63) & ~63L;
    }

    /** Address of element (0, ..., 0), as the ABI wants it. */
    private static MemorySegment data(NdArray a) {
        return a.segment().asSlice(a.byteOffset());
    }
}
