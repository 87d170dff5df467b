package dev.kernelkit.io;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import java.util.Arrays;
import java.util.Objects;

/**
 * The validated header of an {@code .npy} file: format version, dtype, memory order, shape, and where the data starts.
 *
 * @param majorVersion 1, 2 or 3 (1.0 has a 2-byte header length, 2.0 a 4-byte one, 3.0 a 4-byte one and a UTF-8 header)
 * @param minorVersion 0 for every format NumPy defines
 * @param dtype        the element type
 * @param fortranOrder true when the data is stored in Fortran (column-major) order
 * @param shape        the extents, at least one dimension (a copy is kept and returned)
 * @param dataOffset   byte offset of the first element from the start of the file
 */
public record NpyHeader(int majorVersion, int minorVersion, DType dtype, boolean fortranOrder, long[] shape,
                        long dataOffset) {

    public NpyHeader {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        shape = shape.clone();
        if (dataOffset < 0) {
            throw new IllegalArgumentException("dataOffset: " + dataOffset + " is negative");
        }
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements (the product of the shape; the reader has checked it does not overflow). */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** Bytes of data the header announces. */
    public long dataBytes() {
        return Math.multiplyExact(size(), (long) dtype.byteSize());
    }

    /** The order the data is stored in. */
    public Layout layout() {
        return fortranOrder ? Layout.F : Layout.C;
    }

    /** Element strides of the stored data (C or Fortran order). */
    public long[] strides() {
        return layout().strides(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && majorVersion == h.majorVersion && minorVersion == h.minorVersion
                && dtype == h.dtype && fortranOrder == h.fortranOrder && Arrays.equals(shape, h.shape)
                && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(majorVersion, minorVersion, dtype, fortranOrder, Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[version=" + majorVersion + "." + minorVersion + ", descr=" + dtype.numpyDescr()
                + ", fortranOrder=" + fortranOrder + ", shape=" + Arrays.toString(shape) + ", dataOffset="
                + dataOffset + "]";
    }
}
