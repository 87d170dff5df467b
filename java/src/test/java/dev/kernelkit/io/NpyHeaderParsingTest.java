package dev.kernelkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kernelkit.DType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The header dict parser and the header validation, on hand-made headers. */
class NpyHeaderParsingTest {
    private static final String SUPPORTED = "; supported: '<f4' float32, '<f8' float64";

    @TempDir
    Path dir;

    /** A file with the given preamble version and header text (as bytes in {@code charset}), plus 64 data bytes. */
    private Path npy(int major, int minor, byte[] header) throws IOException {
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + header.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeaderReader.MAGIC).put((byte) major).put((byte) minor);
        if (major == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        b.put(header);
        Path file = dir.resolve("h.npy");
        Files.write(file, b.array());
        return file;
    }

    private Path npy(String header) throws IOException {
        return npy(1, 0, header.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String error(String header) {
        return assertThrows(NpyFormatException.class, () -> Npy.readHeader(npy(header))).getMessage();
    }

    // ---------------------------------------------------------------- accepted spellings

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }\n",
        "{'descr':'<f8','fortran_order':False,'shape':(2,3)}",
        "{\"shape\": (2, 3), \"descr\": \"<f8\", \"fortran_order\": False}",
        "  {\n 'fortran_order' :\tFalse ,\r\n 'shape' : ( 2 , 3 , ) , 'descr' : '<f8' , }  \n",
        "{'descr': u'<f8', 'fortran_order': False, 'shape': (2L, 3L), }",
        "{'descr': '=f8', 'fortran_order': False, 'shape': (+2, 3), }",
        "{'descr': 'f8', 'fortran_order': False, 'shape': (2, 3), }",
        "{'descr': '\\x3cf8', 'fortran_order': False, 'shape': (2, 3), }",
    })
    void acceptsAnyValidSpelling(String header) throws IOException {
        NpyHeader h = Npy.readHeader(npy(header));
        assertEquals(DType.F64, h.dtype());
        assertArrayEquals(new long[] {2, 3}, h.shape());
        assertEquals(false, h.fortranOrder());
        assertEquals(10 + header.length(), h.dataOffset());
    }

    @Test
    void oneElementTupleEmptyTupleAndParenthesisedValue() throws NpyFormatException {
        assertEquals(new PyLiteral.Tuple(List.of(BigInteger.valueOf(5))), PyLiteral.parse("(5,)"));
        assertEquals(new PyLiteral.Tuple(List.of()), PyLiteral.parse("( )"));
        assertEquals(BigInteger.valueOf(5), PyLiteral.parse("(5)"));
        assertEquals(new PyLiteral.PyList(List.of("a", Boolean.TRUE, PyLiteral.NONE, -1.5e3)),
                PyLiteral.parse("['a', True, None, -1.5e3,]"));
        assertEquals(Map.of("k", new PyLiteral.Tuple(List.of(new PyLiteral.Tuple(List.of())))),
                PyLiteral.parse("{'k': ((),)}"));
        assertEquals("it's \"q\"\n\u00e9", PyLiteral.parse("'it\\'s \"q\"\\n\\xe9'"));
    }

    @Test
    void version2And3HeadersAndUtf8() throws IOException {
        byte[] h = "{'descr': '<f4', 'fortran_order': True, 'shape': (4, 4), }\n".getBytes(StandardCharsets.UTF_8);
        NpyHeader v2 = Npy.readHeader(npy(2, 0, h));
        assertEquals(2, v2.majorVersion());
        assertEquals(12 + h.length, v2.dataOffset());
        NpyHeader v3 = Npy.readHeader(npy(3, 0, h));
        assertEquals(3, v3.majorVersion());
        assertEquals(DType.F32, v3.dtype());
        assertEquals(true, v3.fortranOrder());
        // A UTF-8 structured field name in a 3.0 header is decoded, and reported escaped.
        byte[] structured = "{'descr': [('\u00e9', '<f8')], 'fortran_order': False, 'shape': (1,), }"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("unsupported structured dtype [('\\xe9', '<f8')]" + SUPPORTED,
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(npy(3, 0, structured))).getMessage());
        byte[] badUtf8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } \u00ff"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("corrupt header: a version 3.0 header must be UTF-8, but it is not",
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(npy(3, 0, badUtf8))).getMessage());
    }

    // ---------------------------------------------------------------- rejected headers

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "{'descr': '<f8', 'fortran_order': False}"
            + " => corrupt header: missing key 'shape' (an .npy header has exactly 'descr', 'fortran_order', 'shape')",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}"
            + " => corrupt header: unexpected key 'extra'"
            + " (an .npy header has exactly 'descr', 'fortran_order', 'shape')",
        "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}"
            + " => corrupt header: duplicate key 'descr' at character 18 of \"{'descr': '<f8', 'descr': '<f8',"
            + " 'fortran_order': False, 'shape': (1,)}\"",
        "['<f8', False, (1,)] => corrupt header: expected a dict, found list ['<f8', False, (1,)]",
        "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}"
            + " => corrupt header: 'fortran_order' must be True or False, found 0",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3]}"
            + " => corrupt header: 'shape' must be a tuple of ints, found list [2, 3]",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2.0, 3)}"
            + " => corrupt header: 'shape' must be a tuple of ints, found (2.0, 3)",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2)}"
            + " => corrupt header: 'shape' must be a tuple of ints, found int 2",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (None,)}"
            + " => corrupt header: 'shape' must be a tuple of ints, found (None,)",
        "{'descr': 8, 'fortran_order': False, 'shape': (1,)} => corrupt header: 'descr' must be a str, found int 8",
        "{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}"
            + " => corrupt header: expected ',' or '}' but found 'f' at character 18"
            + " of \"{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}\"",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x"
            + " => corrupt header: unexpected 'x' after the end of the literal at character 57 of \"{'descr': '<f8',"
            + " 'fortran_order': False, 'shape': (1,)} x\"",
        "{'descr': '<f8', 'fortran_order': false, 'shape': (1,)}"
            + " => corrupt header: unexpected name 'false' at character 35 of \"{'descr': '<f8', 'fortran_order':"
            + " false, 'shape': (1,)}\"",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)"
            + " => corrupt header: expected ',' or '}' but found the end of the header at character 55"
            + " of \"{'descr': '<f8', 'fortran_order': False, 'shape': (1,)\"",
        "{'descr': '<f8 => corrupt header: unterminated string at character 11 of \"{'descr': '<f8\"",
        "`   ` => corrupt header: unexpected end of header at character 4 of \"\"",
        "{'descr': '|f8', 'fortran_order': False, 'shape': (1,)}"
            + " => unsupported dtype '|f8' (float64 without a byte order)" + SUPPORTED,
        "{'descr': 'float64', 'fortran_order': False, 'shape': (1,)}"
            + " => unsupported dtype 'float64' (not a NumPy type string)" + SUPPORTED,
        "{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (1,)}"
            + " => unsupported dtype '<M8[ns]' (datetime64[ns])" + SUPPORTED,
        "{'descr': '>i2', 'fortran_order': False, 'shape': (1,)} => unsupported dtype '>i2' (big-endian int16)"
            + SUPPORTED,
        "{'descr': '|u1', 'fortran_order': False, 'shape': (1,)} => unsupported dtype '|u1' (uint8)" + SUPPORTED,
        "{'descr': '|S3', 'fortran_order': False, 'shape': (1,)} => unsupported dtype '|S3' (bytes, 3 per element)"
            + SUPPORTED,
        "{'descr': '<c8', 'fortran_order': False, 'shape': (1,)} => unsupported dtype '<c8' (complex64)" + SUPPORTED,
        "{'descr': '<f16', 'fortran_order': False, 'shape': (1,)} => unsupported dtype '<f16' (float128)" + SUPPORTED,
        "{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (1,)}"
            + " => unsupported subarray dtype ('<f8', (2,))" + SUPPORTED,
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 99999999999999999999)}"
            + " => invalid shape (3, 99999999999999999999): 2399999999999999999976 bytes of data is more than any"
            + " file can hold",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 99999999999999999999)}"
            + " => invalid shape (0, 99999999999999999999): 799999999999999999992 bytes of data is more than any"
            + " file can hold",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,"
            + " 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)}"
            + " => unsupported shape with 33 dimensions; at most 32 are supported",
    })
    void rejectsWithAMessageNamingTheProblem(String header, String message) {
        assertEquals(message, error(header));
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(5000);
        assertEquals("corrupt header: literal nested deeper than 64 levels at character 66 of \""
                + "[".repeat(100) + "...\"", error(deep));
    }

    @Test
    void thirtyTwoDimensionsAreAllowed() throws IOException {
        String shape = "(" + "1, ".repeat(31) + "2)";
        NpyHeader h = Npy.readHeader(npy("{'descr': '<f4', 'fortran_order': True, 'shape': " + shape + "}"));
        assertEquals(32, h.ndim());
        assertEquals(2, h.size());
    }

    // ---------------------------------------------------------------- preamble

    @Test
    void unsupportedMinorVersion() {
        assertEquals("unsupported .npy format version 1.1; supported: 1.0, 2.0, 3.0",
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(npy(1, 1, new byte[0]))).getMessage());
    }

    @Test
    void truncatedPreambles() throws IOException {
        Path file = dir.resolve("t.npy");
        Files.write(file, new byte[] {(byte) 0x93, 'N', 'U'});
        assertEquals("truncated header: the file has only 3 bytes",
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(file)).getMessage());
        Files.write(file, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1});
        assertEquals("truncated header: the file ends after 7 bytes, before the format version",
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(file)).getMessage());
        Files.write(file, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0});
        assertEquals("truncated header: the file has 11 bytes, but a version 2.0 file needs 12 before the header"
                + " starts", assertThrows(NpyFormatException.class, () -> Npy.readHeader(file)).getMessage());
        Files.write(file, new byte[] {'x'});
        assertEquals("not an .npy file: it starts with 'x' instead of '\\x93NUMPY'",
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(file)).getMessage());
    }

    @Test
    void hugeHeaderLengthIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.npy");
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(NpyHeaderReader.MAGIC).put((byte) 2).put((byte) 0).putInt(3 << 20).flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(pre, 0);
            ch.write(ByteBuffer.allocate(1), 4 << 20); // sparse: the file is 4 MiB long
        }
        assertEquals("header length 3145728 exceeds the limit of 1048576 bytes",
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(file)).getMessage());
    }
}
