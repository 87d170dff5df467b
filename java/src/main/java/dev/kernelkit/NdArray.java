package dev.kernelkit;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A strided N-d view over a {@link MemorySegment}: dtype, shape, strides and offset, NumPy-style.
 *
 * <p>Strides and the offset are counted in <em>elements</em> of {@link #dtype()}, not bytes, so every element is
 * aligned to its size relative to the segment's start. Strides may be negative (reversed views) or zero (broadcast
 * inputs). A view never copies: {@link #slice}, {@link #transpose} and {@link #swapAxes} share the segment.
 *
 * <p>The segment can be anything the FFM API can address: a {@code double[]} or {@code float[]} on the heap
 * ({@link #wrap(double[], long...)}), off-heap memory in an {@link Arena} the caller controls
 * ({@link #allocate(DType, Arena, long...)}), a memory-mapped file, or shared memory. Construction checks that every
 * element the view reaches lies inside the segment, so a valid {@code NdArray} can be handed to native code.
 *
 * <p>Instances are immutable; the data they view is not, and is not synchronised.
 */
public final class NdArray {
    /** Largest number of dimensions (matches the native library's limit). */
    public static final int MAX_NDIM = 32;

    private final MemorySegment segment;
    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long offset;
    private final long size;

    private NdArray(MemorySegment segment, DType dtype, long[] shape, long[] strides, long offset) {
        this.segment = segment;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.size = checkedSize(shape);
    }

    // ---------------------------------------------------------------- construction

    /**
     * A view of {@code segment} with explicit strides and offset (in elements). Checks that the view stays inside the
     * segment and that the segment's address is aligned to the element size.
     *
     * @throws IllegalArgumentException naming the offending parameter
     */
    public static NdArray of(MemorySegment segment, DType dtype, long[] shape, long[] strides, long offset) {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(strides, "strides");
        if (shape.length < 1 || shape.length > MAX_NDIM) {
            throw new IllegalArgumentException("shape: ndim " + shape.length + " is out of range (allowed 1.." + MAX_NDIM + ")");
        }
        if (strides.length != shape.length) {
            throw new IllegalArgumentException("strides: length " + strides.length + " does not match ndim " + shape.length);
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new IllegalArgumentException("shape: extent " + shape[d] + " of axis " + d + " is negative");
            }
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " is negative");
        }
        if (segment.isNative() && segment.address() % dtype.byteSize() != 0) {
            throw new IllegalArgumentException("segment: address 0x" + Long.toHexString(segment.address())
                    + " is not aligned to " + dtype.byteSize() + " bytes");
        }
        NdArray a = new NdArray(segment, dtype, shape.clone(), strides.clone(), offset);
        if (a.size > 0) {
            long lo = a.minElementOffset();
            long hi = a.maxElementOffset();
            long capacity = segment.byteSize() / dtype.byteSize();
            if (lo < 0 || hi >= capacity) {
                throw new IllegalArgumentException("strides: the view reaches elements " + lo + ".." + hi
                        + " but the segment holds " + capacity + " " + dtype.numpyName() + " elements");
            }
        }
        return a;
    }

    /** A C-ordered (row-major) view of the start of {@code segment}. */
    public static NdArray of(MemorySegment segment, DType dtype, long... shape) {
        return of(segment, dtype, shape, Layout.C.strides(shape), 0);
    }

    /** Zero-filled off-heap array in C order, owned by {@code arena}. */
    public static NdArray allocate(DType dtype, Arena arena, long... shape) {
        return allocate(dtype, arena, Layout.C, shape);
    }

    /** Zero-filled off-heap array in the given order, owned by {@code arena}. */
    public static NdArray allocate(DType dtype, Arena arena, Layout layout, long... shape) {
        Objects.requireNonNull(arena, "arena");
        long n = checkedSize(shape.clone());
        long bytes = Math.multiplyExact(Math.max(n, 1), (long) dtype.byteSize());
        MemorySegment seg = arena.allocate(bytes, Math.max(dtype.byteSize(), 64));
        return of(seg, dtype, shape.clone(), layout.strides(shape), 0);
    }

    /** Zero-filled off-heap array in C order, freed by the garbage collector once unreachable. */
    public static NdArray allocate(DType dtype, long... shape) {
        return allocate(dtype, Arena.ofAuto(), shape);
    }

    /** A C-ordered view of a heap array, without copying. The product of {@code shape} must equal its length. */
    public static NdArray wrap(double[] data, long... shape) {
        checkWrap(data.length, shape);
        return of(MemorySegment.ofArray(data), DType.F64, shape);
    }

    /** A C-ordered view of a heap array, without copying. The product of {@code shape} must equal its length. */
    public static NdArray wrap(float[] data, long... shape) {
        checkWrap(data.length, shape);
        return of(MemorySegment.ofArray(data), DType.F32, shape);
    }

    private static void checkWrap(int length, long[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape: at least one dimension is required");
        }
        long n = checkedSize(shape.clone());
        if (n != length) {
            throw new IllegalArgumentException("shape: " + Arrays.toString(shape) + " holds " + n
                    + " elements but the array has " + length);
        }
    }

    // ---------------------------------------------------------------- accessors

    public DType dtype() {
        return dtype;
    }

    public int ndim() {
        return shape.length;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The extent of one axis (negative axes count from the end). */
    public long shape(int axis) {
        return shape[normalizeAxis(axis, shape.length)];
    }

    /** A copy of the strides, in elements. */
    public long[] strides() {
        return strides.clone();
    }

    /** The stride of one axis in elements (negative axes count from the end). */
    public long stride(int axis) {
        return strides[normalizeAxis(axis, shape.length)];
    }

    /** Offset of element (0, ..., 0) from the segment's start, in elements. */
    public long offset() {
        return offset;
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** The whole underlying segment (not only the part this view reaches). */
    public MemorySegment segment() {
        return segment;
    }

    /** True when the data lives on the Java heap (a wrapped array). */
    public boolean isHeap() {
        return !segment.isNative();
    }

    /** Byte offset of element (0, ..., 0) within {@link #segment()}. */
    public long byteOffset() {
        return offset * dtype.byteSize();
    }

    /** The strides in bytes, as NumPy and the native ABI count them. */
    public long[] byteStrides() {
        long[] b = new long[strides.length];
        for (int d = 0; d < b.length; d++) {
            b[d] = strides[d] * dtype.byteSize();
        }
        return b;
    }

    /** Smallest element offset (from the segment start) this view reaches; only meaningful when size() > 0. */
    public long minElementOffset() {
        long lo = offset;
        for (int d = 0; d < shape.length; d++) {
            if (strides[d] < 0) {
                lo += strides[d] * (shape[d] - 1);
            }
        }
        return lo;
    }

    /** Largest element offset (from the segment start) this view reaches; only meaningful when size() > 0. */
    public long maxElementOffset() {
        long hi = offset;
        for (int d = 0; d < shape.length; d++) {
            if (strides[d] > 0) {
                hi += strides[d] * (shape[d] - 1);
            }
        }
        return hi;
    }

    /**
     * The bytes this view spans (from its lowest to its highest element, inclusive), as a slice of the segment.
     * Empty for an empty array.
     */
    public MemorySegment spannedBytes() {
        if (size == 0) {
            return segment.asSlice(0, 0);
        }
        long lo = minElementOffset() * dtype.byteSize();
        long hi = (maxElementOffset() + 1) * dtype.byteSize();
        return segment.asSlice(lo, hi - lo);
    }

    /** True when the elements are laid out in C (row-major) order without gaps, starting at the offset. */
    public boolean isCContiguous() {
        return hasLayout(Layout.C);
    }

    /** True when the elements are laid out in Fortran (column-major) order without gaps, starting at the offset. */
    public boolean isFContiguous() {
        return hasLayout(Layout.F);
    }

    private boolean hasLayout(Layout layout) {
        long[] expected = layout.strides(shape);
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 1 && strides[d] != expected[d]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when no two elements share memory. Sufficient check: sorted by |stride|, each axis steps over everything
     * the smaller axes span.
     */
    public boolean hasUniqueElements() {
        if (size <= 1) {
            return true;
        }
        Integer[] order = new Integer[shape.length];
        for (int d = 0; d < order.length; d++) {
            order[d] = d;
        }
        Arrays.sort(order, (a, b) -> Long.compare(Math.abs(strides[a]), Math.abs(strides[b])));
        long span = 1; // elements covered by the smaller axes
        for (int d : order) {
            if (shape[d] == 1) {
                continue;
            }
            long s = Math.abs(strides[d]);
            if (s < span) {
                return false;
            }
            span = s * (shape[d] - 1) + span;
        }
        return true;
    }

    // ---------------------------------------------------------------- element access

    /** Element offset (from the segment start) of an index; negative indices are not accepted. */
    public long elementOffset(long... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index: " + index.length + " indices for an array of " + shape.length
                    + " dimensions");
        }
        long off = offset;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of range for axis " + d
                        + " with extent " + shape[d]);
            }
            off += index[d] * strides[d];
        }
        return off;
    }

    /** Reads one element as a double. */
    public double get(long... index) {
        return getAtElementOffset(elementOffset(index));
    }

    /** Writes one element (rounded to float for F32). */
    public void set(double value, long... index) {
        setAtElementOffset(elementOffset(index), value);
    }

    double getAtElementOffset(long elementOffset) {
        long byteOff = elementOffset * dtype.byteSize();
        return dtype == DType.F64
                ? segment.get(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, byteOff)
                : segment.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, byteOff);
    }

    void setAtElementOffset(long elementOffset, double value) {
        long byteOff = elementOffset * dtype.byteSize();
        if (dtype == DType.F64) {
            segment.set(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, byteOff, value);
        } else {
            segment.set(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, byteOff, (float) value);
        }
    }

    // ---------------------------------------------------------------- views

    /** The view {@code [start:stop:step]} along {@code axis}, NumPy-style bounds (no negative-index wrapping). */
    public NdArray slice(int axis, long start, long stop, long step) {
        int ax = normalizeAxis(axis, shape.length);
        if (step == 0) {
            throw new IllegalArgumentException("step: must not be 0");
        }
        long n = shape[ax];
        long count;
        if (step > 0) {
            if (start < 0 || start > n || stop < start || stop > n) {
                throw new IllegalArgumentException("slice: [" + start + ":" + stop + "] is out of range for axis "
                        + ax + " with extent " + n);
            }
            count = (stop - start + step - 1) / step;
        } else {
            // start is the first index taken (n-1 for a full reversal), stop is exclusive and may be -1.
            if (start < -1 || start >= n || stop < -1 || stop > start) {
                throw new IllegalArgumentException("slice: [" + start + ":" + stop + ":" + step
                        + "] is out of range for axis " + ax + " with extent " + n);
            }
            count = (start - stop + (-step) - 1) / (-step);
        }
        long[] newShape = shape.clone();
        long[] newStrides = strides.clone();
        newShape[ax] = count;
        newStrides[ax] = strides[ax] * step;
        long newOffset = count == 0 ? offset : offset + start * strides[ax];
        return new NdArray(segment, dtype, newShape, newStrides, newOffset);
    }

    /** The view {@code [start:stop]} along {@code axis}. */
    public NdArray slice(int axis, long start, long stop) {
        return slice(axis, start, stop, 1);
    }

    /** The view with its axes permuted: axis {@code d} of the result is axis {@code axes[d]} of this array. */
    public NdArray transpose(int... axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("axes: " + axes.length + " axes given for an array of " + shape.length
                    + " dimensions");
        }
        boolean[] seen = new boolean[shape.length];
        long[] newShape = new long[shape.length];
        long[] newStrides = new long[shape.length];
        for (int d = 0; d < axes.length; d++) {
            int a = normalizeAxis(axes[d], shape.length);
            if (seen[a]) {
                throw new IllegalArgumentException("axes: axis " + a + " appears twice");
            }
            seen[a] = true;
            newShape[d] = shape[a];
            newStrides[d] = strides[a];
        }
        return new NdArray(segment, dtype, newShape, newStrides, offset);
    }

    /** The view with the axis order reversed (NumPy's {@code .T}). */
    public NdArray transpose() {
        int[] axes = new int[shape.length];
        for (int d = 0; d < axes.length; d++) {
            axes[d] = shape.length - 1 - d;
        }
        return transpose(axes);
    }

    /** The view with two axes exchanged. */
    public NdArray swapAxes(int a, int b) {
        int[] axes = new int[shape.length];
        for (int d = 0; d < axes.length; d++) {
            axes[d] = d;
        }
        int na = normalizeAxis(a, shape.length);
        int nb = normalizeAxis(b, shape.length);
        axes[na] = nb;
        axes[nb] = na;
        return transpose(axes);
    }

    // ---------------------------------------------------------------- copies

    /** A new off-heap array (garbage-collected) with the same dtype, shape and values, in the given layout. */
    public NdArray copy(Layout layout) {
        NdArray dst = allocate(dtype, Arena.ofAuto(), layout, shape);
        dst.copyFrom(this);
        return dst;
    }

    /** A new C-ordered off-heap array (garbage-collected) with the same values. */
    public NdArray copy() {
        return copy(Layout.C);
    }

    /** A new array of the same shape and dtype, zero-filled, C order, off-heap and garbage-collected. */
    public NdArray zerosLike() {
        return allocate(dtype, Arena.ofAuto(), Layout.C, shape);
    }

    /**
     * Copies {@code src}'s values into this array (same shape; dtypes may differ, values are converted).
     * Overlapping source and destination are handled by copying through a temporary.
     */
    public void copyFrom(NdArray src) {
        if (!Arrays.equals(shape, src.shape)) {
            throw new IllegalArgumentException("shape: source " + Arrays.toString(src.shape)
                    + " does not match destination " + Arrays.toString(shape));
        }
        if (size == 0) {
            return;
        }
        NdArray from = src;
        if (Overlap.partial(src, this)) {
            from = src.copy();
        }
        ElementCopier.copy(from, this);
    }

    /** The values in C order as a new {@code double[]} (F32 values widened). */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(size)];
        ElementCopier.copy(this, wrap(out, shape));
        return out;
    }

    /** The values in C order as a new {@code float[]} (F64 values rounded). */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(size)];
        ElementCopier.copy(this, wrap(out, shape));
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** Normalises a possibly negative axis, or throws {@link IllegalArgumentException} naming the allowed range. */
    public static int normalizeAxis(int axis, int ndim) {
        if (axis < -ndim || axis >= ndim) {
            throw new IllegalArgumentException("axis: " + axis + " is out of range for an array of " + ndim
                    + " dimension" + (ndim == 1 ? "" : "s") + " (allowed " + (-ndim) + ".." + (ndim - 1) + ")");
        }
        return axis < 0 ? axis + ndim : axis;
    }

    private static long checkedSize(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape: extent " + s + " is negative");
            }
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape: " + Arrays.toString(shape) + " has too many elements");
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype.numpyName() + ", shape=" + Arrays.toString(shape) + ", strides="
                + Arrays.toString(strides) + ", offset=" + offset + (isHeap() ? ", heap" : ", off-heap") + "]";
    }
}
