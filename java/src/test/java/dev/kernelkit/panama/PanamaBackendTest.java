package dev.kernelkit.panama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.GaussianKernel;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ways an array reaches C: off-heap as is, small heap arrays by a critical downcall, large heap arrays through
 * off-heap copies. All must give the same bits.
 */
class PanamaBackendTest {
    private static PanamaBackend backend;

    @BeforeAll
    static void load() {
        NativeAssumptions.assumeNativeBuilt();
        backend = new PanamaBackend();
    }

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble(-1, 1);
        }
        return d;
    }

    private static FilterOptions opts(int axis) {
        return FilterOptions.defaults().withAxis(axis).withBackend(PanamaBackend.NAME).withThreads(2);
    }

    @Test
    void versionAndBuildInfo() {
        assertEquals("0.1.0", backend.versionString());
        assertEquals(0x000100, backend.version());
        backend.hasOpenMP(); // either answer is valid; the call must work
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 200_000}) // elements per row: below and above the critical-call limit
    void heapOffHeapAndInPlaceGiveIdenticalBits(int columns) {
        long bytes = 2L * columns * 8;
        assertTrue(columns == 3 ? bytes <= backend.criticalMaxBytes() : bytes > backend.criticalMaxBytes());
        double[] data = random(2 * columns, columns);
        NdArray heap = NdArray.wrap(data.clone(), 2, columns);
        try (Arena arena = Arena.ofConfined()) {
            NdArray offHeap = NdArray.allocate(DType.F64, arena, 2, columns);
            offHeap.copyFrom(heap);
            double[] expected = Filters.gaussian1d(offHeap, 1.7, opts(1)).toDoubleArray();

            assertArrayEquals(expected, Filters.gaussian1d(heap, 1.7, opts(1)).toDoubleArray());
            NdArray heapOut = NdArray.wrap(new double[2 * columns], 2, columns);
            Filters.gaussian1d(heap, heapOut, 1.7, opts(1));
            assertArrayEquals(expected, heapOut.toDoubleArray());
            Filters.gaussian1d(heap, heap, 1.7, opts(1));
            assertArrayEquals(expected, heap.toDoubleArray());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 100_000})
    void heapViewsWithGapsLeaveTheGapsAlone(int n) {
        // Every other element of a heap array is the view; the skipped ones must survive the copy-back path.
        double[] data = random(2 * n, 7);
        double[] original = data.clone();
        NdArray view = NdArray.wrap(data, 2 * n).slice(0, 0, 2 * n, 2);
        double[] expected = Filters.correlate1d(view.copy(), new double[] {1, 2, 3, 4}, opts(0)).toDoubleArray();
        Filters.correlate1d(view, view, new double[] {1, 2, 3, 4}, opts(0));
        assertArrayEquals(expected, view.toDoubleArray());
        for (int i = 1; i < 2 * n; i += 2) {
            assertEquals(original[i], data[i], "gap element " + i);
        }
    }

    @Test
    void nativeKernelMatchesTheJavaKernel() {
        for (int order = 0; order <= 3; order++) {
            for (double sigma : new double[] {0.3, 1.0, 2.5, 40.0}) {
                int radius = GaussianKernel.radius(sigma, 4.0);
                double[] java = GaussianKernel.weights(sigma, order, radius);
                double[] c = backend.gaussianKernel(sigma, order, radius);
                double scale = 0;
                for (double v : java) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < java.length; i++) {
                    assertEquals(java[i], c[i], 1e-15 * scale, "order " + order + " sigma " + sigma + " i " + i);
                }
            }
        }
    }
}
