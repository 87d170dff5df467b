package dev.kernelkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Writing, reading, creating and memory-mapping .npy files from Java (NumPy interop is in NpyNumpyInteropTest). */
class NpyTest {
    @TempDir
    Path dir;

    // ---------------------------------------------------------------- write → read

    @ParameterizedTest
    @EnumSource(DType.class)
    void writtenHeaderIsNumpysFormat10AlignedTo64(DType dtype) throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, NpyTestData.ramp(dtype, Layout.C, 3, 4));
        byte[] bytes = Files.readAllBytes(file);
        String dict = "{'descr': '" + dtype.numpyDescr() + "', 'fortran_order': False, 'shape': (3, 4), }";
        String expectedHeader = "\u0093NUMPY\u0001\u0000\u0076\u0000" + dict + " ".repeat(128 - 10 - dict.length() - 1)
                + "\n";
        assertEquals(expectedHeader, new String(bytes, 0, 128, StandardCharsets.ISO_8859_1));
        assertEquals(128 + 12 * dtype.byteSize(), bytes.length);
        NpyHeader h = Npy.readHeader(file);
        assertEquals(new NpyHeader(1, 0, dtype, false, new long[] {3, 4}, 128), h);
        double[] expected = NpyTestData.ramp(dtype, Layout.C, 3, 4).toDoubleArray();
        assertArrayEquals(expected, NpyTestData.rawValues(file, 128, 12, dtype));
    }

    static Stream<Arguments> shapes() {
        return Stream.of(new long[] {1}, new long[] {7}, new long[] {3, 5}, new long[] {1, 9}, new long[] {2, 3, 4},
                new long[] {2, 1, 3, 2}, new long[] {0}, new long[] {4, 0, 2})
                .flatMap(s -> Stream.of(DType.values()).map(t -> Arguments.of(t, s)));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void writeThenReadGivesTheSameArray(DType dtype, long[] shape) throws IOException {
        Path file = dir.resolve("a.npy");
        NdArray a = NpyTestData.ramp(dtype, Layout.C, shape);
        Npy.write(file, a);
        NdArray b = Npy.read(file);
        assertEquals(dtype, b.dtype());
        assertArrayEquals(shape, b.shape());
        assertArrayEquals(Layout.C.strides(shape), b.strides());
        assertTrue(b.isHeap());
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
        NpyHeader h = Npy.readHeader(file);
        assertEquals(0, h.dataOffset() % 64);
        assertEquals(h.dataOffset() + h.dataBytes(), Files.size(file));
    }

    @Test
    void writeFromHeapArrays() throws IOException {
        Path f8 = dir.resolve("f8.npy");
        Path f4 = dir.resolve("f4.npy");
        Npy.write(f8, NdArray.wrap(new double[] {1.5, -2, Math.PI, Double.NaN, Double.NEGATIVE_INFINITY, -0.0}, 2, 3));
        Npy.write(f4, NdArray.wrap(new float[] {1.5f, -2, (float) Math.E, Float.MIN_VALUE}, 4));
        assertArrayEquals(new double[] {1.5, -2, Math.PI, Double.NaN, Double.NEGATIVE_INFINITY, -0.0},
                Npy.read(f8).toDoubleArray());
        assertArrayEquals(new float[] {1.5f, -2, (float) Math.E, Float.MIN_VALUE}, Npy.read(f4).toFloatArray());
        assertArrayEquals(new double[] {1.5, -2, Math.PI, Double.NaN, Double.NEGATIVE_INFINITY, -0.0},
                NpyTestData.rawValues(f8, 128, 6, DType.F64));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fortranContiguousArrayIsWrittenInFortranOrder(DType dtype) throws IOException {
        Path file = dir.resolve("f.npy");
        NdArray a = NpyTestData.ramp(dtype, Layout.F, 3, 4, 2);
        Npy.write(file, a);
        NpyHeader h = Npy.readHeader(file);
        assertTrue(h.fortranOrder());
        assertArrayEquals(new long[] {3, 4, 2}, h.shape());
        assertArrayEquals(NpyTestData.fortranOrderValues(a), NpyTestData.rawValues(file, h.dataOffset(), 24, dtype));
        NdArray b = Npy.read(file);
        assertArrayEquals(Layout.F.strides(new long[] {3, 4, 2}), b.strides());
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
    }

    /** Views that are neither C- nor F-contiguous (or only F-contiguous), each paired with a name for messages. */
    static Stream<Arguments> views() {
        List<Arguments> list = new java.util.ArrayList<>();
        for (DType t : DType.values()) {
            NdArray c3 = NpyTestData.ramp(t, Layout.C, 4, 5, 6);
            NdArray c2 = NpyTestData.ramp(t, Layout.C, 6, 7);
            list.add(Arguments.of(t + " middle axis first", c3.transpose(1, 0, 2)));
            list.add(Arguments.of(t + " every other column", c2.slice(1, 0, 7, 2)));
            list.add(Arguments.of(t + " reversed rows and columns", c2.slice(0, 5, -1, -1).slice(1, 6, -1, -2)));
            list.add(Arguments.of(t + " one column", c2.slice(1, 3, 4)));
            list.add(Arguments.of(t + " inner block", c3.slice(0, 1, 3).slice(1, 1, 4).slice(2, 2, 5)));
            list.add(Arguments.of(t + " transposed (F-contiguous)", c2.transpose()));
            list.add(Arguments.of(t + " broadcast row (stride 0)",
                    NdArray.of(c2.segment(), t, new long[] {3, 7}, new long[] {0, 1}, 7)));
            list.add(Arguments.of(t + " heap, reversed", NdArray.wrap(new double[] {1, 2, 3, 4, 5}, 5)
                    .slice(0, 4, -1, -1)));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void stridedViewsAreWrittenElementByElement(String name, NdArray view) throws IOException {
        Path file = dir.resolve("v.npy");
        Npy.write(file, view);
        NpyHeader h = Npy.readHeader(file);
        boolean fortran = !view.isCContiguous() && view.isFContiguous();
        assertEquals(fortran, h.fortranOrder());
        double[] expected = fortran ? NpyTestData.fortranOrderValues(view) : view.toDoubleArray();
        assertArrayEquals(expected, NpyTestData.rawValues(file, h.dataOffset(), view.size(), view.dtype()));
        assertArrayEquals(view.toDoubleArray(), Npy.read(file).toDoubleArray());
        assertEquals(h.dataOffset() + h.dataBytes(), Files.size(file));
    }

    /** Larger than the 1 MiB staging buffer, with lines that do not divide it, so chunk boundaries fall mid-line. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void largeArraysStreamThroughChunkBoundaries(DType dtype) throws IOException {
        NdArray big = NpyTestData.ramp(dtype, Layout.C, 701, 2 * 311);
        Path file = dir.resolve("big.npy");
        for (NdArray view : List.of(big, big.slice(1, 0, 622, 2), big.transpose(), big.transpose().slice(0, 1, 622))) {
            Npy.write(file, view);
            NpyHeader h = Npy.readHeader(file);
            double[] expected = h.fortranOrder() ? NpyTestData.fortranOrderValues(view) : view.toDoubleArray();
            assertArrayEquals(expected, NpyTestData.rawValues(file, h.dataOffset(), view.size(), dtype),
                    view::toString);
            assertArrayEquals(view.toDoubleArray(), Npy.read(file).toDoubleArray(), view::toString);
        }
    }

    @Test
    void writeReplacesALongerFile() throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, NpyTestData.ramp(DType.F64, Layout.C, 100, 100));
        Npy.write(file, NdArray.wrap(new double[] {7}, 1));
        assertEquals(128 + 8, Files.size(file));
        assertArrayEquals(new double[] {7}, Npy.read(file).toDoubleArray());
    }

    @Test
    void readGoesOffHeapAboveTheHeapLimit() throws IOException {
        Path file = dir.resolve("a.npy");
        NdArray a = NpyTestData.ramp(DType.F32, Layout.F, 40, 30);
        Npy.write(file, a);
        NdArray b = Npy.read(file, 1000);
        assertFalse(b.isHeap());
        assertEquals(0, b.segment().address() % 64);
        assertArrayEquals(Layout.F.strides(new long[] {40, 30}), b.strides());
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
        assertTrue(Npy.read(file, 1200).isHeap());
    }

    @Test
    void headerTooLongForFormat1IsWrittenAsFormat2() throws IOException {
        NpyHeaderWriter.Encoded e = NpyHeaderWriter.encode(DType.F64, true, new long[] {2, 3}, 50);
        assertEquals(2, e.header().majorVersion());
        assertEquals(128, e.bytes().length);
        assertEquals(2, e.bytes()[6]);
        Path file = dir.resolve("v2.npy");
        NdArray a = NpyTestData.ramp(DType.F64, Layout.F, 2, 3);
        Files.write(file, concat(e.bytes(), NpyTestData.littleEndian(NpyTestData.fortranOrderValues(a), DType.F64)));
        assertEquals(e.header(), Npy.readHeader(file));
        assertArrayEquals(a.toDoubleArray(), Npy.read(file).toDoubleArray());
    }

    @Test
    void createRejectsInvalidShapes() {
        assertEquals("shape: ndim 0 is out of range (allowed 1..32)", assertThrows(IllegalArgumentException.class,
                () -> Npy.create(dir.resolve("x.npy"), DType.F64, new long[0], Arena.ofAuto())).getMessage());
        assertEquals("shape: extent -2 of axis 1 is negative", assertThrows(IllegalArgumentException.class,
                () -> Npy.create(dir.resolve("x.npy"), DType.F64, new long[] {3, -2}, Arena.ofAuto())).getMessage());
        assertEquals("shape: [4611686018427387904, 4] has too many elements",
                assertThrows(IllegalArgumentException.class, () -> Npy.create(dir.resolve("x.npy"), DType.F32,
                        new long[] {1L << 62, 4}, Arena.ofAuto())).getMessage());
    }

    // ---------------------------------------------------------------- create

    @ParameterizedTest
    @EnumSource(DType.class)
    void createMakesAZeroFilledWritableMappedFile(DType dtype) throws IOException {
        Path file = dir.resolve("out.npy");
        Files.write(file, new byte[10_000]); // create truncates what was there
        NdArray expected = NpyTestData.ramp(dtype, Layout.C, 5, 3, 2);
        try (Arena arena = Arena.ofConfined()) {
            NdArray a = Npy.create(file, dtype, new long[] {5, 3, 2}, arena);
            assertTrue(a.segment().isMapped());
            assertFalse(a.segment().isReadOnly());
            assertArrayEquals(new long[] {5, 3, 2}, a.shape());
            assertArrayEquals(Layout.C.strides(new long[] {5, 3, 2}), a.strides());
            assertArrayEquals(new double[30], a.toDoubleArray());
            a.copyFrom(expected);
        }
        assertEquals(128 + 30L * dtype.byteSize(), Files.size(file));
        assertEquals(new NpyHeader(1, 0, dtype, false, new long[] {5, 3, 2}, 128), Npy.readHeader(file));
        assertArrayEquals(expected.toDoubleArray(), Npy.read(file).toDoubleArray());
    }

    @Test
    void createEmptyArray() throws IOException {
        Path file = dir.resolve("empty.npy");
        try (Arena arena = Arena.ofConfined()) {
            NdArray a = Npy.create(file, DType.F64, new long[] {0, 4}, arena);
            assertEquals(0, a.size());
        }
        assertEquals(128, Files.size(file));
        assertArrayEquals(new long[] {0, 4}, Npy.read(file).shape());
    }

    // ---------------------------------------------------------------- map

    @Test
    void readOnlyMapRejectsWrites() throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, NpyTestData.ramp(DType.F64, Layout.C, 4, 4));
        try (Arena arena = Arena.ofConfined()) {
            NdArray a = Npy.map(file, false, arena);
            assertTrue(a.segment().isReadOnly());
            assertEquals(-2 + 0.75 * 5, a.get(1, 1));
            assertThrows(IllegalArgumentException.class, () -> a.set(99, 1, 1));
        }
        assertArrayEquals(NpyTestData.ramp(DType.F64, Layout.C, 4, 4).toDoubleArray(), Npy.read(file).toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void readWriteMapChangesTheFile(Layout layout) throws IOException {
        Path file = dir.resolve("a.npy");
        NdArray original = NpyTestData.ramp(DType.F32, layout, 3, 5);
        Npy.write(file, original);
        try (Arena arena = Arena.ofConfined()) {
            NdArray a = Npy.map(file, true, arena);
            assertArrayEquals(layout.strides(new long[] {3, 5}), a.strides());
            assertArrayEquals(original.toDoubleArray(), a.toDoubleArray());
            a.set(42.5, 2, 1);
        }
        double[] expected = original.toDoubleArray();
        expected[2 * 5 + 1] = 42.5;
        assertArrayEquals(expected, Npy.read(file).toDoubleArray());
    }

    @Test
    void mapStaysValidAfterTheChannelClosesAndEndsWithTheArena() throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, NpyTestData.ramp(DType.F64, Layout.C, 10));
        Arena arena = Arena.ofShared();
        NdArray a = Npy.map(file, false, arena);
        Files.delete(file); // the mapping outlives the directory entry on POSIX systems
        assertEquals(-2 + 0.75 * 9, a.get(9));
        arena.close();
        assertThrows(IllegalStateException.class, () -> a.get(9));
    }

    @Test
    void missingFileIsAnIoErrorNotAFormatError() {
        Path missing = dir.resolve("missing.npy");
        IOException e = assertThrows(IOException.class, () -> Npy.read(missing));
        assertFalse(e instanceof NpyFormatException);
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Npy.map(missing, false, Arena.ofAuto()));
    }

    @Test
    void headerRecordCopiesItsShape() {
        long[] shape = {2, 3};
        NpyHeader h = new NpyHeader(1, 0, DType.F32, true, shape, 64);
        shape[0] = 99;
        h.shape()[1] = 99;
        assertArrayEquals(new long[] {2, 3}, h.shape());
        assertEquals(6, h.size());
        assertEquals(24, h.dataBytes());
        assertEquals(Layout.F, h.layout());
        assertArrayEquals(new long[] {1, 2}, h.strides());
        assertEquals("NpyHeader[version=1.0, descr=<f4, fortranOrder=true, shape=[2, 3], dataOffset=64]", h.toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
