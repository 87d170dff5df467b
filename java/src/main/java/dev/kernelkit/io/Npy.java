package dev.kernelkit.io;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) as {@link NdArray}s: read into memory, memory-map,
 * create, write.
 *
 * <p>Supported element types are little-endian float32 ({@code '<f4'}) and float64 ({@code '<f8'}), also spelled
 * with native order ({@code '=f8'}, {@code 'f8'}) on a little-endian machine; C and Fortran order. A Fortran-order
 * file becomes an array with Fortran strides, not a reordered copy. Everything else — other dtypes, big-endian data,
 * object (pickled) arrays, structured dtypes, 0-d arrays, corrupt headers, truncated data — raises
 * {@link NpyFormatException} with a one-line message naming what was found. Bytes after the data are ignored, as
 * NumPy ignores them.
 *
 * <p>Never write an array onto the file it maps: {@link #write} truncates the file first.
 */
public final class Npy {
    /** The largest Java array the VM reliably allocates; larger data goes off-heap. */
    static final long MAX_HEAP_ELEMENTS = Integer.MAX_VALUE - 8;

    private Npy() {
    }

    /**
     * Reads the whole file into memory: a heap {@code double[]}/{@code float[]} when it has fewer than about 2^31
     * elements, else off-heap memory freed by the garbage collector ({@link Arena#ofAuto()}).
     */
    public static NdArray read(Path path) throws IOException {
        return read(path, MAX_HEAP_ELEMENTS);
    }

    /** As {@link #read(Path)}, with the heap limit as a parameter so tests can reach the off-heap path. */
    static NdArray read(Path path, long maxHeapElements) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            NpyHeader header = NpyHeaderReader.read(channel);
            checkDataLength(header, channel.size());
            long n = header.size();
            DType dtype = header.dtype();
            MemorySegment segment;
            if (n <= maxHeapElements) {
                segment = dtype == DType.F64 ? MemorySegment.ofArray(new double[(int) n])
                        : MemorySegment.ofArray(new float[(int) n]);
            } else {
                segment = Arena.ofAuto().allocate(header.dataBytes(), 64);
            }
            NpyData.read(channel, header.dataOffset(), segment, dtype);
            return NdArray.of(segment, dtype, header.shape(), header.strides(), 0);
        }
    }

    /**
     * Memory-maps the data of an existing file in {@code arena}: read-only (the segment rejects writes) or read-write
     * (writes reach the file). The mapping stays valid until the arena closes.
     */
    public static NdArray map(Path path, boolean writable, Arena arena) throws IOException {
        Objects.requireNonNull(arena, "arena");
        StandardOpenOption[] options = writable
                ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ};
        try (FileChannel channel = FileChannel.open(path, options)) {
            NpyHeader header = NpyHeaderReader.read(channel);
            checkDataLength(header, channel.size());
            checkMappable(header);
            FileChannel.MapMode mode = writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY;
            MemorySegment segment = channel.map(mode, header.dataOffset(), header.dataBytes(), arena);
            return NdArray.of(segment, header.dtype(), header.shape(), header.strides(), 0);
        }
    }

    /**
     * Creates (or truncates) a file holding a zero-filled C-order array: header written, file extended to its full
     * length (sparse where the file system allows), data mapped read-write in {@code arena}.
     *
     * @throws IllegalArgumentException when the shape has no dimensions, more than {@link NdArray#MAX_NDIM}, a
     *                                  negative extent, or more bytes than a file can hold
     */
    public static NdArray create(Path path, DType dtype, long[] shape, Arena arena) throws IOException {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(arena, "arena");
        NpyHeaderWriter.Encoded encoded = NpyHeaderWriter.encode(dtype, false, shape);
        NpyHeader header = encoded.header();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            writeFully(channel, ByteBuffer.wrap(encoded.bytes()), 0);
            long end = header.dataOffset() + header.dataBytes();
            if (header.dataBytes() > 0) {
                // One byte at the end sets the length; the gap reads as zeros.
                writeFully(channel, ByteBuffer.allocate(1), end - 1);
            }
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_WRITE, header.dataOffset(),
                    header.dataBytes(), arena);
            return NdArray.of(segment, dtype, header.shape(), header.strides(), 0);
        }
    }

    /**
     * Writes an array (creating or truncating the file): in C order, or in Fortran order when the array is
     * F-contiguous and not C-contiguous. Any strided view works, heap or off-heap; data is streamed in chunks.
     * Format 1.0, or 2.0 when the header does not fit 1.0's 16-bit length.
     */
    public static void write(Path path, NdArray array) throws IOException {
        Objects.requireNonNull(array, "array");
        boolean fortran = !array.isCContiguous() && array.isFContiguous();
        NpyHeaderWriter.Encoded encoded = NpyHeaderWriter.encode(array.dtype(), fortran, array.shape());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(channel, ByteBuffer.wrap(encoded.bytes()), 0);
            NpyData.write(channel, encoded.header().dataOffset(), array, fortran);
        }
    }

    /** Reads and validates only the header (the data length is checked by {@link #read} and {@link #map}). */
    public static NpyHeader readHeader(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return NpyHeaderReader.read(channel);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The file must hold all the data the header announces; extra bytes after it are allowed, as in NumPy. */
    static void checkDataLength(NpyHeader header, long fileSize) throws NpyFormatException {
        long available = fileSize - header.dataOffset();
        if (available < header.dataBytes()) {
            throw new NpyFormatException("truncated data: header says " + header.dataBytes() + " bytes ("
                    + header.dtype().numpyName() + ", shape " + NpyHeaderWriter.shapeRepr(header.shape())
                    + "), file has " + Math.max(available, 0) + " after the " + header.dataOffset() + "-byte header");
        }
    }

    static void checkMappable(NpyHeader header) throws NpyFormatException {
        if (header.dataOffset() % header.dtype().byteSize() != 0) {
            throw new NpyFormatException("cannot memory-map: data offset " + header.dataOffset()
                    + " is not a multiple of the " + header.dtype().byteSize() + "-byte element size"
                    + " (Npy.read can still load it)");
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new NpyFormatException("cannot memory-map little-endian data on this big-endian machine"
                    + " (Npy.read converts it)");
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }
}
