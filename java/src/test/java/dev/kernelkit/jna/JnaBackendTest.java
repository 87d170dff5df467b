package dev.kernelkit.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import dev.kernelkit.panama.NativeLibrary;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jna backend on every kind of memory (the golden suite covers values and layouts through all backends): heap
 * views with offsets and negative strides, off-heap, memory-mapped files, in place, mixed heap and off-heap; each
 * result bit-identical to the panama backend's, which calls the same C code.
 */
class JnaBackendTest {
    private static final double[] WEIGHTS = {0.25, -1.0, 2.0, 0.5};

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNativeLibrary() {
        assumeFalse(Boolean.getBoolean("kernelkit.native.skip"), "built without the native library");
    }

    private static Backend jna() {
        return Backends.get(JnaBackend.NAME);
    }

    /** A (6, 50) float64 array of distinct, uneven values, on the heap. */
    private static NdArray sample() {
        double[] data = new double[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(0.37 * i) + (i % 7) * 0.1;
        }
        return NdArray.wrap(data, 6, 50);
    }

    /** correlate1d along axis 1 through panama, into a fresh off-heap array. */
    private static double[] panamaResult(NdArray in) {
        NdArray out = in.copy().zerosLike();
        Backends.get("panama").correlate1d(in.copy(), out, 1, WEIGHTS, 1, Mode.REFLECT, 0.0, 2);
        return out.toDoubleArray();
    }

    @Test
    void heapViewWithOffsetAndNegativeStride() {
        NdArray view = sample().slice(1, 45, 3, -2).slice(0, 1, 5); // starts mid-array, runs backwards
        NdArray out = NdArray.wrap(new double[Math.toIntExact(view.size())], view.shape());
        jna().correlate1d(view, out, 1, WEIGHTS, 1, Mode.REFLECT, 0.0, 2);
        assertArrayEquals(panamaResult(view), out.toDoubleArray(), 0.0);
    }

    @Test
    void heapInPlaceLeavesGapsAlone() {
        NdArray whole = sample();
        double[] before = whole.toDoubleArray();
        NdArray view = whole.slice(1, 0, 50, 2); // every other column: the others must stay untouched
        double[] expected = panamaResult(view);
        jna().correlate1d(view, view, 1, WEIGHTS, 1, Mode.REFLECT, 0.0, 2);
        assertArrayEquals(expected, view.toDoubleArray(), 0.0);
        for (int i = 0; i < 6; i++) {
            for (int j = 1; j < 50; j += 2) {
                assertEquals(before[i * 50 + j], whole.get(i, j), "gap element " + i + "," + j);
            }
        }
    }

    @Test
    void heapInputOffHeapOutputAndBack() {
        NdArray heap = sample();
        NdArray offHeap = heap.copy();
        double[] expected = panamaResult(heap);
        NdArray out1 = offHeap.zerosLike();
        jna().correlate1d(heap, out1, 1, WEIGHTS, 1, Mode.REFLECT, 0.0, 1);
        NdArray out2 = NdArray.wrap(new double[300], 6, 50);
        jna().correlate1d(offHeap, out2, 1, WEIGHTS, 1, Mode.REFLECT, 0.0, 1);
        assertArrayEquals(expected, out1.toDoubleArray(), 0.0);
        assertArrayEquals(expected, out2.toDoubleArray(), 0.0);
    }

    @Test
    void memoryMappedFileInPlaceFloat32() throws IOException {
        Path file = dir.resolve("x.npy");
        NdArray f32 = NdArray.allocate(DType.F32, 6, 50);
        f32.copyFrom(sample());
        Npy.write(file, f32);
        NdArray expected = f32.zerosLike();
        Backends.get("panama").gaussian1d(f32, expected, 0, 1.5, 1, 6, Mode.MIRROR, 0.0, 2);
        try (Arena arena = Arena.ofConfined()) {
            NdArray mapped = Npy.map(file, true, arena);
            jna().gaussian1d(mapped, mapped, 0, 1.5, 1, 6, Mode.MIRROR, 0.0, 2);
        }
        NdArray reread = Npy.read(file);
        assertArrayEquals(expected.toFloatArray(), reread.toFloatArray(), 0.0f);
        assertNotEquals(f32.get(2, 7), reread.get(2, 7), "the file was filtered");
    }

    @Test
    void convolveMatchesPanama() {
        NdArray x = sample().copy();
        NdArray a = x.zerosLike();
        NdArray b = x.zerosLike();
        jna().convolve1d(x, a, 0, WEIGHTS, -1, Mode.CONSTANT, 0.5, 3);
        Backends.get("panama").convolve1d(x, b, 0, WEIGHTS, -1, Mode.CONSTANT, 0.5, 3);
        assertArrayEquals(b.toDoubleArray(), a.toDoubleArray(), 0.0);
    }

    @Test
    void selectableThroughFilterOptions() {
        NdArray x = sample();
        NdArray viaOptions = Filters.gaussian1d(x, 2.0, FilterOptions.defaults().withBackend("jna"));
        NdArray viaJava = Filters.gaussian1d(x, 2.0, FilterOptions.defaults().withBackend("java"));
        assertArrayEquals(viaJava.toDoubleArray(), viaOptions.toDoubleArray(), 0.0);
        assertEquals(List.of("panama", "jna", "java"), Backends.names());
    }

    @Test
    void selectableThroughSystemProperty() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dkernelkit.backend=jna", "-cp",
                System.getProperty("java.class.path"), PrintDefaultBackend.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), output);
        assertEquals("jna " + NativeLibrary.path(), output);
    }

    /** Child JVM: prints the default backend's name and the library file it uses. */
    public static final class PrintDefaultBackend {
        public static void main(String[] args) {
            System.out.println(Backends.defaultBackend().name() + " " + NativeLibrary.path());
        }
    }

    @Test
    void reportsTheLibraryVersion() {
        assertEquals(((JnaBackend) jna()).versionString(),
                ((dev.kernelkit.panama.PanamaBackend) Backends.get("panama")).versionString());
    }
}
