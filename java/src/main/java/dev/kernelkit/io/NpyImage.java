package dev.kernelkit.io;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * An {@code .npy} file image in memory — header followed by data, byte for byte what {@link Npy#write} would put in a
 * file — so that a block of memory (e.g. a named shared memory segment) carries its dtype and shape with it. NumPy
 * reads such an image with {@code np.load(io.BytesIO(buf))} or, without copying, from the header's data offset.
 * The same formats and checks as {@link Npy#map} apply (little-endian float32/float64, C or Fortran order).
 */
public final class NpyImage {
    private NpyImage() {
    }

    /** Bytes an image of a C-order {@code dtype} array of {@code shape} occupies (header + data). */
    public static long byteSize(DType dtype, long[] shape) {
        NpyHeader header = NpyHeaderWriter.encode(dtype, false, shape).header();
        return header.dataOffset() + header.dataBytes();
    }

    /**
     * Writes the header of a C-order {@code dtype} array of {@code shape} at the start of {@code image} and returns a
     * view of the data region (whose contents are left as they are).
     *
     * @throws IllegalArgumentException when the shape is invalid or the image is smaller than {@link #byteSize}
     */
    public static NdArray create(MemorySegment image, DType dtype, long[] shape) {
        Objects.requireNonNull(image, "image");
        NpyHeaderWriter.Encoded encoded = NpyHeaderWriter.encode(dtype, false, shape);
        NpyHeader header = encoded.header();
        long needed = header.dataOffset() + header.dataBytes();
        if (image.byteSize() < needed) {
            throw new IllegalArgumentException("image: " + image.byteSize() + " bytes cannot hold a " + dtype.numpyName()
                    + " array of shape " + NpyHeaderWriter.shapeRepr(shape) + " (" + needed + " bytes needed)");
        }
        MemorySegment.copy(encoded.bytes(), 0, image, ValueLayout.JAVA_BYTE, 0, encoded.bytes().length);
        return dataView(image, header);
    }

    /** Reads and validates the header at the start of {@code image}. */
    public static NpyHeader readHeader(MemorySegment image) throws NpyFormatException {
        Objects.requireNonNull(image, "image");
        try {
            return NpyHeaderReader.read(image);
        } catch (NpyFormatException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new AssertionError("memory reads do not throw IOException", e);
        }
    }

    /**
     * The array an image holds, as a view of its data region (no copy; writes go to the image).
     *
     * @throws NpyFormatException when the header is invalid or unsupported, or the data is truncated or misaligned
     */
    public static NdArray view(MemorySegment image) throws NpyFormatException {
        NpyHeader header = readHeader(image);
        Npy.checkDataLength(header, image.byteSize());
        Npy.checkMappable(header);
        return dataView(image, header);
    }

    private static NdArray dataView(MemorySegment image, NpyHeader header) {
        MemorySegment data = image.asSlice(header.dataOffset(), header.dataBytes());
        return NdArray.of(data, header.dtype(), header.shape(), header.strides(), 0);
    }
}
