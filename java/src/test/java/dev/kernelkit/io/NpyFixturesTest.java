package dev.kernelkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed fixture: good ones load with the right header, layout and values; bad ones fail as described. */
class NpyFixturesTest {
    private static final String SUPPORTED = "; supported: '<f4' float32, '<f8' float64";

    /** Bad fixture → the exact message every reader (readHeader, read, map) must give. */
    private static final Map<String, String> BAD = Map.ofEntries(
            Map.entry("bad_empty.npy", "not an .npy file: the file is empty"),
            Map.entry("bad_magic.npy", "not an .npy file: it starts with 'PK\\x03\\x04 thi' instead of '\\x93NUMPY'"),
            Map.entry("bad_version.npy", "unsupported .npy format version 4.0; supported: 1.0, 2.0, 3.0"),
            Map.entry("bad_int32.npy", "unsupported dtype '<i4' (int32)" + SUPPORTED),
            Map.entry("bad_complex128.npy", "unsupported dtype '<c16' (complex128)" + SUPPORTED),
            Map.entry("bad_bigendian_f8.npy", "unsupported dtype '>f8' (big-endian float64)" + SUPPORTED),
            Map.entry("bad_bool.npy", "unsupported dtype '|b1' (bool)" + SUPPORTED),
            Map.entry("bad_float16.npy", "unsupported dtype '<f2' (float16)" + SUPPORTED),
            Map.entry("bad_str.npy", "unsupported dtype '<U2' (str, 2 characters)" + SUPPORTED),
            Map.entry("bad_object.npy", "unsupported dtype '|O' (Python objects, stored pickled)" + SUPPORTED),
            Map.entry("bad_structured.npy", "unsupported structured dtype [('x', '<f8'), ('y', '<i4')]" + SUPPORTED),
            Map.entry("bad_0d.npy", "unsupported 0-d array (shape ()): NdArray needs at least 1 dimension;"
                    + " save it with numpy.atleast_1d"),
            Map.entry("bad_corrupt_header.npy", "corrupt header: expected ',' or ')' but found ']' at character 56 of"
                    + " \"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4], }\""),
            Map.entry("bad_header_past_eof.npy",
                    "header length 16384 runs past the end of the file (100 bytes, header starts at byte 10)"),
            Map.entry("bad_negative_shape.npy", "invalid shape (3, -1): extent -1 of axis 1 is negative"),
            Map.entry("bad_absurd_shape.npy", "invalid shape (1099511627776, 1099511627776):"
                    + " 9671406556917033397649408 bytes of data is more than any file can hold"));

    /** Truncated data has a valid header: only read and map (which look at the data) refuse it. */
    private static final String TRUNCATED = "truncated data: header says 96 bytes (float64, shape (3, 4)),"
            + " file has 56 after the 128-byte header";

    static List<String> goodFiles() {
        return NpyFixtures.goodFiles();
    }

    static List<String> badFiles() {
        return List.copyOf(new TreeSet<>(BAD.keySet()));
    }

    @Test
    void everyFixtureIsCoveredAndListedInTheManifest() throws IOException {
        List<String> files = NpyFixtures.files();
        TreeSet<String> expected = new TreeSet<>(BAD.keySet());
        expected.add("bad_truncated.npy");
        assertEquals(expected, files.stream().filter(n -> n.startsWith("bad_"))
                .collect(Collectors.toCollection(TreeSet::new)), "bad fixtures without an expected message");
        assertTrue(goodFiles().size() >= 20, "good fixtures: " + goodFiles());
        TreeSet<String> manifest = Files.readAllLines(NpyFixtures.path("MANIFEST.txt")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split("\t")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(files), manifest);
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void goodFixtureHeader(String file) throws IOException {
        NpyFixtures.Good g = NpyFixtures.Good.parse(file);
        NpyHeader h = Npy.readHeader(g.path());
        assertEquals(g.version(), h.majorVersion());
        assertEquals(0, h.minorVersion());
        assertEquals(g.dtype(), h.dtype());
        assertEquals(g.fortran(), h.fortranOrder());
        assertArrayEquals(g.shape(), h.shape());
        long fileSize = Files.size(g.path());
        assertTrue(h.dataOffset() + h.dataBytes() <= fileSize);
        if (g.tag().isEmpty()) {
            // NumPy pads the header so that the data starts at a multiple of 64 bytes, and writes nothing after it.
            assertEquals(0, h.dataOffset() % 64, "data offset");
            assertEquals(fileSize, h.dataOffset() + h.dataBytes());
        }
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void goodFixtureReads(String file) throws IOException {
        NpyFixtures.Good g = NpyFixtures.Good.parse(file);
        NdArray a = Npy.read(g.path());
        assertEquals(g.dtype(), a.dtype());
        assertArrayEquals(g.shape(), a.shape());
        assertTrue(a.isHeap());
        // A Fortran file is a view with Fortran strides, not a reordered copy.
        assertArrayEquals((g.fortran() ? Layout.F : Layout.C).strides(g.shape()), a.strides());
        NpyFixtures.assertFormulaValues(a);
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void goodFixtureMapsReadOnly(String file) throws IOException {
        NpyFixtures.Good g = NpyFixtures.Good.parse(file);
        try (Arena arena = Arena.ofConfined()) {
            if (g.tag().equals("unaligned")) {
                NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.map(g.path(), false, arena));
                assertEquals("cannot memory-map: data offset 67 is not a multiple of the 8-byte element size"
                        + " (Npy.read can still load it)", e.getMessage());
                return;
            }
            NdArray a = Npy.map(g.path(), false, arena);
            assertEquals(g.dtype(), a.dtype());
            assertArrayEquals(g.shape(), a.shape());
            assertArrayEquals((g.fortran() ? Layout.F : Layout.C).strides(g.shape()), a.strides());
            assertTrue(a.segment().isReadOnly());
            assertTrue(a.segment().isMapped());
            NpyFixtures.assertFormulaValues(a);
        }
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFixtureFailsWithItsMessage(String file) {
        String expected = BAD.get(file);
        assertEquals(expected, assertThrows(NpyFormatException.class,
                () -> Npy.readHeader(NpyFixtures.path(file))).getMessage());
        assertEquals(expected, assertThrows(NpyFormatException.class,
                () -> Npy.read(NpyFixtures.path(file))).getMessage());
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(expected, assertThrows(NpyFormatException.class,
                    () -> Npy.map(NpyFixtures.path(file), false, arena)).getMessage());
        }
    }

    @Test
    void truncatedDataIsRefusedByReadAndMapButItsHeaderIsValid() throws IOException {
        var path = NpyFixtures.path("bad_truncated.npy");
        NpyHeader h = Npy.readHeader(path);
        assertArrayEquals(new long[] {3, 4}, h.shape());
        assertEquals(TRUNCATED, assertThrows(NpyFormatException.class, () -> Npy.read(path)).getMessage());
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(TRUNCATED, assertThrows(NpyFormatException.class, () -> Npy.map(path, false, arena))
                    .getMessage());
        }
    }
}
