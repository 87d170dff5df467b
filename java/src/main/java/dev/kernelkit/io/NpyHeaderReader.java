package dev.kernelkit.io;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates the header of an {@code .npy} file (format 1.0, 2.0 or 3.0).
 *
 * <p>Layout: the magic {@code \x93NUMPY}, one byte each of major and minor version, the header length (little-endian
 * uint16 for 1.0, uint32 for 2.0 and 3.0), then the header: a Python dict literal with exactly the keys
 * {@code descr}, {@code fortran_order} and {@code shape}, latin-1 (1.0, 2.0) or UTF-8 (3.0), padded with spaces and
 * a newline. The data follows immediately. Every defect becomes an {@link NpyFormatException} naming it.
 */
final class NpyHeaderReader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /**
     * Real headers are at most a few hundred bytes (NumPy itself refuses more than 10000 by default); the limit keeps a
     * corrupt length field from making us allocate gigabytes.
     */
    static final int MAX_HEADER_LENGTH = 1 << 20;

    private static final List<String> KEYS = List.of("descr", "fortran_order", "shape");

    private NpyHeaderReader() {
    }

    /** Where the header bytes come from: a file, or a memory image of one (e.g. a shared memory segment). */
    interface Source {
        long size() throws IOException;

        /** Exactly {@code length} bytes at {@code position}; the caller has checked they are inside the source. */
        byte[] bytes(long position, int length) throws IOException;
    }

    static NpyHeader read(FileChannel channel) throws IOException {
        return read(new Source() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public byte[] bytes(long position, int length) throws IOException {
                return readBytes(channel, position, length);
            }
        });
    }

    /** Reads the header at the start of {@code image}, the bytes of an .npy file held in memory. */
    static NpyHeader read(MemorySegment image) throws IOException {
        return read(new Source() {
            @Override
            public long size() {
                return image.byteSize();
            }

            @Override
            public byte[] bytes(long position, int length) {
                return image.asSlice(position, length).toArray(ValueLayout.JAVA_BYTE);
            }
        });
    }

    static NpyHeader read(Source channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize == 0) {
            throw new NpyFormatException("not an .npy file: the file is empty");
        }
        byte[] pre = channel.bytes(0, (int) Math.min(fileSize, 12));
        checkMagic(pre);
        if (pre.length < 8) {
            throw new NpyFormatException("truncated header: the file ends after " + pre.length
                    + " bytes, before the format version");
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException("unsupported .npy format version " + major + "." + minor
                    + "; supported: 1.0, 2.0, 3.0");
        }
        int preamble = major == 1 ? 10 : 12;
        if (fileSize < preamble) {
            throw new NpyFormatException("truncated header: the file has " + fileSize + " bytes, but a version "
                    + major + ".0 file needs " + preamble + " before the header starts");
        }
        ByteBuffer len = ByteBuffer.wrap(pre, 8, preamble - 8).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedLong(len.getShort()) : Integer.toUnsignedLong(len.getInt());
        if (preamble + headerLength > fileSize) {
            throw new NpyFormatException("header length " + headerLength + " runs past the end of the file ("
                    + fileSize + " bytes, header starts at byte " + preamble + ")");
        }
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new NpyFormatException("header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER_LENGTH + " bytes");
        }
        String text = decode(channel.bytes(preamble, (int) headerLength), major);
        return validate(PyLiteral.parse(text), major, minor, preamble + headerLength);
    }

    private static void checkMagic(byte[] pre) throws NpyFormatException {
        int n = Math.min(pre.length, MAGIC.length);
        boolean prefixMatches = true;
        for (int i = 0; i < n; i++) {
            prefixMatches &= pre[i] == MAGIC[i];
        }
        if (!prefixMatches) {
            throw new NpyFormatException("not an .npy file: it starts with '"
                    + Strings.printableBytes(pre, Math.min(pre.length, 8)) + "' instead of '\\x93NUMPY'");
        }
        if (pre.length < MAGIC.length) {
            throw new NpyFormatException("truncated header: the file has only " + pre.length + " bytes");
        }
    }

    /** Versions 1.0 and 2.0 are latin-1 (every byte is a character); 3.0 is UTF-8, checked strictly. */
    private static String decode(byte[] header, int major) throws NpyFormatException {
        if (major < 3) {
            return new String(header, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException("corrupt header: a version 3.0 header must be UTF-8, but it is not");
        }
    }

    private static NpyHeader validate(Object literal, int major, int minor, long dataOffset)
            throws NpyFormatException {
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new NpyFormatException("corrupt header: expected a dict, found " + PyLiteral.typeName(literal)
                    + " " + Strings.clip(PyLiteral.repr(literal), 60));
        }
        for (Object key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                throw new NpyFormatException("corrupt header: unexpected key " + Strings.clip(PyLiteral.repr(key), 40)
                        + " (an .npy header has exactly 'descr', 'fortran_order', 'shape')");
            }
        }
        for (String key : KEYS) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException("corrupt header: missing key '" + key
                        + "' (an .npy header has exactly 'descr', 'fortran_order', 'shape')");
            }
        }
        DType dtype = NpyDescr.toDType(dict.get("descr"));
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean fortranOrder)) {
            throw new NpyFormatException("corrupt header: 'fortran_order' must be True or False, found "
                    + Strings.clip(PyLiteral.repr(fortran), 40));
        }
        long[] shape = shape(dict.get("shape"), dtype);
        return new NpyHeader(major, minor, dtype, fortranOrder, shape, dataOffset);
    }

    private static long[] shape(Object value, DType dtype) throws NpyFormatException {
        String repr = Strings.clip(PyLiteral.repr(value), 80);
        if (!(value instanceof PyLiteral.Tuple tuple)) {
            throw new NpyFormatException("corrupt header: 'shape' must be a tuple of ints, found "
                    + PyLiteral.typeName(value) + " " + repr);
        }
        List<BigInteger> extents = new ArrayList<>();
        for (Object item : tuple.items()) {
            if (!(item instanceof BigInteger extent)) {
                throw new NpyFormatException("corrupt header: 'shape' must be a tuple of ints, found " + repr);
            }
            extents.add(extent);
        }
        if (extents.isEmpty()) {
            throw new NpyFormatException("unsupported 0-d array (shape ()): NdArray needs at least 1 dimension;"
                    + " save it with numpy.atleast_1d");
        }
        if (extents.size() > NdArray.MAX_NDIM) {
            throw new NpyFormatException("unsupported shape with " + extents.size() + " dimensions; at most "
                    + NdArray.MAX_NDIM + " are supported");
        }
        long[] shape = new long[extents.size()];
        // Zero extents are left out of the product, so an empty array cannot hide absurd other extents (NdArray
        // multiplies the extents in order and would overflow).
        BigInteger bytes = BigInteger.valueOf(dtype.byteSize());
        for (int d = 0; d < shape.length; d++) {
            BigInteger extent = extents.get(d);
            if (extent.signum() < 0) {
                throw new NpyFormatException("invalid shape " + repr + ": extent " + extent + " of axis " + d
                        + " is negative");
            }
            if (extent.signum() > 0) {
                bytes = bytes.multiply(extent);
            }
        }
        if (bytes.bitLength() > 62) {
            throw new NpyFormatException("invalid shape " + repr + ": " + bytes + " bytes of data is more than"
                    + " any file can hold");
        }
        for (int d = 0; d < shape.length; d++) {
            shape[d] = extents.get(d).longValueExact();
        }
        return shape;
    }

    /** Reads exactly {@code length} bytes at {@code position}; the caller has checked the file is long enough. */
    private static byte[] readBytes(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + buf.position());
            if (n < 0) {
                throw new NpyFormatException("truncated header: the file ended while reading it");
            }
        }
        return buf.array();
    }
}
