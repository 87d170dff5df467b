package dev.kernelkit;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Element-wise copy between two views of equal shape, converting dtype when they differ. */
final class ElementCopier {
    private ElementCopier() {
    }

    /** Copies {@code src} into {@code dst}; the caller has checked shapes and ruled out partial overlap. */
    static void copy(NdArray src, NdArray dst) {
        if (src.size() == 0) {
            return;
        }
        if (src.dtype() == dst.dtype() && sameContiguousLayout(src, dst)) {
            long bytes = src.size() * src.dtype().byteSize();
            MemorySegment.copy(src.segment(), src.byteOffset(), dst.segment(), dst.byteOffset(), bytes);
            return;
        }
        int nd = src.ndim();
        long[] shape = src.shape();
        long[] ss = src.strides();
        long[] ds = dst.strides();
        long[] index = new long[nd];
        long inner = shape[nd - 1];
        long sInner = ss[nd - 1];
        long dInner = ds[nd - 1];
        long lines = src.size() / inner;
        for (long line = 0; line < lines; line++) {
            long so = src.offset();
            long dof = dst.offset();
            for (int d = 0; d < nd - 1; d++) {
                so += index[d] * ss[d];
                dof += index[d] * ds[d];
            }
            copyLine(src, so, sInner, dst, dof, dInner, inner);
            for (int d = nd - 2; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    private static void copyLine(NdArray src, long so, long sStride, NdArray dst, long dof, long dStride, long n) {
        MemorySegment s = src.segment();
        MemorySegment d = dst.segment();
        if (src.dtype() == DType.F64 && dst.dtype() == DType.F64) {
            for (long i = 0; i < n; i++) {
                d.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, dof + i * dStride,
                        s.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, so + i * sStride));
            }
        } else if (src.dtype() == DType.F32 && dst.dtype() == DType.F32) {
            for (long i = 0; i < n; i++) {
                d.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, dof + i * dStride,
                        s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, so + i * sStride));
            }
        } else {
            for (long i = 0; i < n; i++) {
                dst.setAtElementOffset(dof + i * dStride, src.getAtElementOffset(so + i * sStride));
            }
        }
    }

    private static boolean sameContiguousLayout(NdArray a, NdArray b) {
        return (a.isCContiguous() && b.isCContiguous()) || (a.isFContiguous() && b.isFContiguous());
    }
}
