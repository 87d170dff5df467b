package dev.kernelkit.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.GaussianKernel;
import dev.kernelkit.Layout;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * N-d behaviour of the java backend: every axis of 1-, 2- and 3-d arrays in several memory layouts and views, in place
 * and not, float32 and float64, heap and off-heap, and 1, 2, 3 and 7 threads — always bit-identical to
 * {@link NaiveCorrelate}.
 */
class JavaBackendNdTest {
    private static final Backend BACKEND = new JavaBackend();
    private static final int[] THREADS = {1, 2, 3, 7};
    private static final Arena ARENA = Arena.ofShared();

    @AfterAll
    static void close() {
        ARENA.close();
    }

    /** How the input array is laid out. Every kind gives the same data for the same seed, in fresh memory. */
    enum View {
        C_HEAP, F_OFF_HEAP, REVERSED, STEP_TWO, TRANSPOSED, PADDED_ROWS;

        NdArray make(long seed, DType dtype, long[] shape) {
            Random rnd = new Random(seed);
            return switch (this) {
                case C_HEAP -> TestData.heap(rnd, dtype, shape);
                case F_OFF_HEAP -> TestData.offHeap(rnd, dtype, ARENA, Layout.F, shape);
                case REVERSED -> {
                    NdArray a = TestData.heap(rnd, dtype, shape);
                    for (int d = 0; d < shape.length; d += 2) { // every other axis runs backwards
                        a = a.slice(d, shape[d] - 1, -1, -1);
                    }
                    yield a;
                }
                case STEP_TWO -> {
                    long[] big = Arrays.stream(shape).map(s -> 2 * s + 1).toArray();
                    NdArray a = TestData.offHeap(rnd, dtype, ARENA, Layout.C, big);
                    for (int d = 0; d < shape.length; d++) {
                        a = a.slice(d, 1, 2 * shape[d] + 1, 2);
                    }
                    yield a;
                }
                case TRANSPOSED -> {
                    long[] rev = new long[shape.length];
                    for (int d = 0; d < shape.length; d++) {
                        rev[d] = shape[shape.length - 1 - d];
                    }
                    yield TestData.heap(rnd, dtype, rev).transpose();
                }
                case PADDED_ROWS -> { // rows of a wider C array: lines adjacent, positions not contiguous
                    int last = shape.length - 1;
                    long[] wide = shape.clone();
                    wide[last] += 11;
                    yield TestData.heap(rnd, dtype, wide).slice(last, 4, 4 + shape[last]);
                }
            };
        }
    }

    static Stream<Arguments> layouts() {
        // 37 and 70 adjacent lines are read as tiles of rows; 259 lines along axis 0 make groups of 87, 86, 86.
        List<long[]> shapes = List.of(new long[] {130}, new long[] {9, 70}, new long[] {70, 37}, new long[] {6, 5, 40},
                new long[] {40, 259});
        List<Arguments> args = new ArrayList<>();
        for (long[] shape : shapes) {
            for (View view : View.values()) {
                for (DType dtype : DType.values()) {
                    args.add(Arguments.of(Arrays.toString(shape), shape, view, dtype));
                }
            }
        }
        return args.stream();
    }

    /** Filters along every axis with every thread count, out of place into C and F outputs, and in place. */
    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("layouts")
    void everyAxisLayoutAndThreadCount(String name, long[] shape, View view, DType dtype) {
        Random rnd = new Random(Arrays.hashCode(shape) + view.ordinal());
        double[][] weightSets = {TestData.weights(rnd, 5, "symmetric"), TestData.weights(rnd, 4, "general")};
        long seed = rnd.nextLong();
        for (int axis = 0; axis < shape.length; axis++) {
            for (double[] w : weightSets) {
                int origin = w.length == 4 ? 1 : 0;
                Mode mode = w.length == 4 ? Mode.WRAP : Mode.REFLECT;
                NdArray in = view.make(seed, dtype, shape);
                double[] expected = NaiveCorrelate.correlate(in, axis, w, origin, mode, 0);
                for (int threads : THREADS) {
                    String what = "axis " + axis + " K=" + w.length + " threads " + threads;
                    for (Layout layout : Layout.values()) {
                        NdArray out = NdArray.allocate(dtype, ARENA, layout, shape);
                        BACKEND.correlate1d(in, out, axis, w, origin, mode, 0, threads);
                        assertArrayEquals(expected, out.toDoubleArray(), what + " into " + layout);
                    }
                    NdArray inPlace = view.make(seed, dtype, shape);
                    BACKEND.correlate1d(inPlace, inPlace, axis, w, origin, mode, 0, threads);
                    assertArrayEquals(expected, inPlace.toDoubleArray(), what + " in place");
                }
            }
        }
    }

    /** Few long lines and several threads: lines are cut into pieces; in place the pieces' borders are read first. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("piecesCases")
    void linesSplitIntoPiecesGiveTheSameResult(String name, DType dtype, long[] shape, int axis) {
        Random rnd = new Random(name.hashCode() + dtype.ordinal());
        double[] w = Backend.reversed(GaussianKernel.weights(12, 1, 48)); // antisymmetric, 97 taps
        NdArray in = TestData.heap(rnd, dtype, shape);
        NdArray copy = in.copy();
        double[] expected = NaiveCorrelate.correlate(in, axis, w, 0, Mode.MIRROR, 0);
        for (int threads : THREADS) {
            NdArray out = in.zerosLike();
            BACKEND.correlate1d(in, out, axis, w, 0, Mode.MIRROR, 0, threads);
            assertArrayEquals(expected, out.toDoubleArray(), "threads " + threads);
            NdArray inPlace = copy.copy(Layout.C);
            if (!Arrays.equals(in.strides(), inPlace.strides())) {
                throw new AssertionError("test setup: expected C order");
            }
            BACKEND.correlate1d(inPlace, inPlace, axis, w, 0, Mode.MIRROR, 0, threads);
            assertArrayEquals(expected, inPlace.toDoubleArray(), "in place, threads " + threads);
        }
    }

    static Stream<Arguments> piecesCases() {
        return Stream.of(DType.values()).flatMap(t -> Stream.of(
                Arguments.of("one line", t, new long[] {30_000}, 0),
                Arguments.of("two rows", t, new long[] {2, 20_000}, 1),
                Arguments.of("three columns", t, new long[] {20_000, 3}, 0)));
    }

    @Test
    void zeroStrideInputIsBroadcast() {
        Random rnd = new Random(17);
        double[] row = TestData.values(rnd, 50);
        NdArray in = NdArray.of(MemorySegment.ofArray(row), DType.F64, new long[] {4, 50}, new long[] {0, 1}, 0);
        double[] w = TestData.weights(rnd, 3, "general");
        for (int axis = 0; axis < 2; axis++) {
            NdArray out = NdArray.allocate(DType.F64, ARENA, 4, 50);
            BACKEND.correlate1d(in, out, axis, w, 0, Mode.NEAREST, 0, 3);
            assertArrayEquals(NaiveCorrelate.correlate(in, axis, w, 0, Mode.NEAREST, 0), out.toDoubleArray());
        }
    }

    @Test
    void confinedArenaIsFilteredOnTheCallingThread() {
        Random rnd = new Random(23);
        double[] w = TestData.weights(rnd, 7, "symmetric");
        try (Arena confined = Arena.ofConfined()) {
            NdArray in = TestData.offHeap(rnd, DType.F64, confined, Layout.C, 40, 300);
            assertFalse(WorkerPool.shared().canAccess(in.segment()), "pool threads cannot touch confined memory");
            NdArray out = NdArray.allocate(DType.F64, confined, Layout.C, 40, 300);
            BACKEND.correlate1d(in, out, 1, w, 0, Mode.REFLECT, 0, 4);
            assertArrayEquals(NaiveCorrelate.correlate(in, 1, w, 0, Mode.REFLECT, 0), out.toDoubleArray());
        }
        assertTrue(WorkerPool.shared().canAccess(ARENA.allocate(8)), "shared memory is usable by the pool");
    }

    @Test
    void selectedThroughTheFiltersApi() {
        Random rnd = new Random(29);
        NdArray in = TestData.heap(rnd, DType.F32, 5, 400);
        FilterOptions options = FilterOptions.defaults().withBackend(JavaBackend.NAME).withAxis(0).withThreads(2);
        NdArray out = Filters.gaussian1d(in, 3.0, options);
        double[] w = Backend.reversed(GaussianKernel.weights(3.0, 0, GaussianKernel.radius(3.0, 4.0)));
        assertArrayEquals(NaiveCorrelate.correlate(in, 0, w, 0, Mode.REFLECT, 0), out.toDoubleArray());
    }
}
