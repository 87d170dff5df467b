package dev.kernelkit.io;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the bytes of an {@code .npy} header the way NumPy writes it: keys in sorted order, padded with spaces and a
 * final newline so the data starts at a multiple of {@link #ALIGNMENT} bytes. Format 1.0 whenever the header length
 * fits its 16-bit field, otherwise 2.0 (our headers are pure ASCII, so 3.0 is never needed).
 */
final class NpyHeaderWriter {
    /** NumPy (since 1.14 or so) aligns the data to 64 bytes, which also suits memory-mapping and SIMD loads. */
    static final int ALIGNMENT = 64;

    /** The encoded header and what it describes. */
    record Encoded(byte[] bytes, NpyHeader header) {
    }

    private NpyHeaderWriter() {
    }

    /**
     * Encodes a header for a {@code dtype} array of {@code shape}.
     *
     * @throws IllegalArgumentException when the shape has no dimensions, too many, a negative extent, or too many bytes
     */
    static Encoded encode(DType dtype, boolean fortranOrder, long[] shape) {
        return encode(dtype, fortranOrder, shape, 0xffff);
    }

    /** As {@link #encode(DType, boolean, long[])}; tests lower {@code maxVersion1Length} to exercise format 2.0. */
    static Encoded encode(DType dtype, boolean fortranOrder, long[] shape, int maxVersion1Length) {
        checkShape(dtype, shape);
        String dict = "{'descr': '" + dtype.numpyDescr() + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shapeRepr(shape) + ", }";
        int major = 1;
        int preamble = 10;
        if (paddedLength(dict, preamble) > maxVersion1Length) {
            major = 2;
            preamble = 12;
        }
        int headerLength = paddedLength(dict, preamble);
        ByteBuffer buf = ByteBuffer.allocate(preamble + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(NpyHeaderReader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            buf.putShort((short) headerLength);
        } else {
            buf.putInt(headerLength);
        }
        buf.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (buf.position() < buf.limit() - 1) {
            buf.put((byte) ' ');
        }
        buf.put((byte) '\n');
        return new Encoded(buf.array(), new NpyHeader(major, 0, dtype, fortranOrder, shape, buf.capacity()));
    }

    /** Header length (dict, spaces, newline) that makes preamble + header a multiple of the alignment. */
    private static int paddedLength(String dict, int preamble) {
        int unpadded = preamble + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        return dict.length() + 1 + padding;
    }

    /** Python's repr of a tuple of ints: {@code (5,)}, {@code (3, 4)}. */
    static String shapeRepr(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int d = 0; d < shape.length; d++) {
            sb.append(d > 0 ? ", " : "").append(shape[d]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static void checkShape(DType dtype, long[] shape) {
        if (shape.length < 1 || shape.length > NdArray.MAX_NDIM) {
            throw new IllegalArgumentException("shape: ndim " + shape.length + " is out of range (allowed 1.."
                    + NdArray.MAX_NDIM + ")");
        }
        long bytes = dtype.byteSize();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new IllegalArgumentException("shape: extent " + shape[d] + " of axis " + d + " is negative");
            }
            try {
                bytes = Math.multiplyExact(bytes, shape[d]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape: " + Arrays.toString(shape) + " has too many elements");
            }
        }
    }
}
