package dev.kernelkit;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** Memory-overlap tests between views, so filters can run in place safely and copy when they must. */
final class Overlap {
    private Overlap() {
    }

    /** True when the byte ranges the two views span share any memory. */
    static boolean spans(NdArray a, NdArray b) {
        if (a.size() == 0 || b.size() == 0) {
            return false;
        }
        MemorySegment sa = a.spannedBytes();
        MemorySegment sb = b.spannedBytes();
        return sa.asOverlappingSlice(sb).isPresent();
    }

    /** True when both are the same view of the same memory (same start, dtype, shape and strides). */
    static boolean identical(NdArray a, NdArray b) {
        if (a.dtype() != b.dtype() || !Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        if (a.size() == 0) {
            return true;
        }
        if (!Arrays.equals(a.strides(), b.strides())) {
            return false;
        }
        MemorySegment first = a.segment().asSlice(a.byteOffset(), a.dtype().byteSize());
        MemorySegment other = b.segment().asSlice(b.byteOffset(), b.dtype().byteSize());
        // Two element-sized slices overlap completely only when they start at the same address.
        return first.asOverlappingSlice(other).map(s -> s.byteSize() == first.byteSize()).orElse(false);
    }

    /** True when the views may share memory without being the identical view: in-place use is then unsafe. */
    static boolean partial(NdArray a, NdArray b) {
        return spans(a, b) && !identical(a, b);
    }
}
