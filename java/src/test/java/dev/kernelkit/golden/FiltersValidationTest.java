package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad parameters are rejected by {@link Filters} with an {@link IllegalArgumentException} whose message names the
 * parameter and what is allowed, and nothing is written (neither the output nor the input) when that happens.
 */
class FiltersValidationTest {
    private static final long[] SHAPE = {3, 4};
    private static final double[] WEIGHTS3 = {1, 2, 3};
    private static final double[] WEIGHTS4 = {1, 2, 3, 4};
    /** Valid options; the java backend always loads, and validation happens before any backend runs. */
    private static final FilterOptions OK = FilterOptions.defaults().withBackend("java").withThreads(1);

    /** The three filters with valid sigma/weights, so each test varies one thing. */
    enum Filter {
        GAUSSIAN1D, CORRELATE1D, CONVOLVE1D;

        void run(NdArray in, NdArray out, FilterOptions o) {
            switch (this) {
                case GAUSSIAN1D -> Filters.gaussian1d(in, out, 1.5, o);
                case CORRELATE1D -> Filters.correlate1d(in, out, WEIGHTS3, o);
                case CONVOLVE1D -> Filters.convolve1d(in, out, WEIGHTS3, o);
            }
        }
    }

    private Arena arena;
    private NdArray in;
    private NdArray out;

    @BeforeEach
    void createArrays() {
        arena = Arena.ofConfined();
        in = NdArray.allocate(DType.F64, arena, SHAPE);
        out = NdArray.allocate(DType.F64, arena, SHAPE);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                in.set(i * 4 + j + 0.5, i, j);
                out.set(-7.25, i, j); // a sentinel that no filter of `in` produces
            }
        }
    }

    @AfterEach
    void closeArena() {
        arena.close();
    }

    // ---------------------------------------------------------------- gaussian1d parameters

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void sigmaMustBeFiniteAndPositive(double sigma) {
        rejects(() -> Filters.gaussian1d(in, out, sigma, OK), "sigma", "> 0");
        rejects(() -> Filters.gaussian1d(in, sigma, OK), "sigma", "> 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -100, Integer.MIN_VALUE})
    void radiusMustNotBeNegative(int radius) {
        rejects(() -> Filters.gaussian1d(in, out, 1.5, OK.withRadius(radius)), "radius", "0..");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4, 100})
    void orderMustBeZeroToThree(int order) {
        rejects(() -> Filters.gaussian1d(in, out, 1.5, OK.withOrder(order)), "order", "0..3");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void truncateMustBeFinite(double truncate) {
        rejects(() -> Filters.gaussian1d(in, out, 1.5, OK.withTruncate(truncate)), "truncate", "finite");
    }

    @Test
    void truncateMustNotGiveANegativeRadius() {
        rejects(() -> Filters.gaussian1d(in, out, 1.5, OK.withTruncate(-10)), "truncate", "0..");
    }

    // ---------------------------------------------------------------- correlate1d / convolve1d parameters

    @ParameterizedTest
    @EnumSource(value = Filter.class, names = {"CORRELATE1D", "CONVOLVE1D"})
    void weightsMustNotBeEmpty(Filter filter) {
        boolean correlate = filter == Filter.CORRELATE1D;
        rejects(() -> {
            if (correlate) {
                Filters.correlate1d(in, out, new double[0], OK);
            } else {
                Filters.convolve1d(in, out, new double[0], OK);
            }
        }, "weights", "at least one");
        rejects(() -> {
            if (correlate) {
                Filters.correlate1d(in, out, null, OK);
            } else {
                Filters.convolve1d(in, out, null, OK);
            }
        }, "weights", "at least one");
    }

    /** SciPy allows -(n/2) .. (n-1)/2: -1..1 for 3 weights, -2..1 for 4. */
    @ParameterizedTest(name = "{0} weights={1} origin={2}")
    @CsvSource({
        "CORRELATE1D, 3, 2, -1..1", "CORRELATE1D, 3, -2, -1..1",
        "CORRELATE1D, 4, 2, -2..1", "CORRELATE1D, 4, -3, -2..1",
        "CONVOLVE1D, 3, 2, -1..1", "CONVOLVE1D, 3, -2, -1..1",
        "CONVOLVE1D, 4, 2, -2..1", "CONVOLVE1D, 4, -3, -2..1",
        "CORRELATE1D, 1, 1, 0..0", "CONVOLVE1D, 1, -1, 0..0",
    })
    void originMustBeInRange(Filter filter, int nweights, int origin, String allowed) {
        double[] w = nweights == 3 ? WEIGHTS3 : nweights == 4 ? WEIGHTS4 : new double[] {2};
        FilterOptions o = OK.withOrigin(origin);
        rejects(() -> {
            if (filter == Filter.CORRELATE1D) {
                Filters.correlate1d(in, out, w, o);
            } else {
                Filters.convolve1d(in, out, w, o);
            }
        }, "origin", allowed);
    }

    @ParameterizedTest(name = "{0} origin={1}")
    @CsvSource({"CORRELATE1D, -2", "CORRELATE1D, 1", "CONVOLVE1D, -2", "CONVOLVE1D, 1"})
    void originAtEitherEndOfTheRangeIsAccepted(Filter filter, int origin) {
        FilterOptions o = OK.withOrigin(origin);
        if (filter == Filter.CORRELATE1D) {
            Filters.correlate1d(in, out, WEIGHTS4, o);
        } else {
            Filters.convolve1d(in, out, WEIGHTS4, o);
        }
        assertTrue(out.get(0, 0) != -7.25, "the filter ran and wrote its output");
    }

    // ---------------------------------------------------------------- options every filter shares

    @ParameterizedTest
    @EnumSource(Filter.class)
    void axisMustBeInRange(Filter filter) {
        rejects(() -> filter.run(in, out, OK.withAxis(2)), "axis", "-2..1");
        rejects(() -> filter.run(in, out, OK.withAxis(-3)), "axis", "-2..1");
        rejects(() -> filter.run(in, out, OK.withAxis(Integer.MIN_VALUE)), "axis", "-2..1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reflec", "grid", "periodic", "", "constant2"})
    void unknownModeIsRejected(String mode) {
        rejects(() -> OK.withMode(mode), "mode", "reflect, mirror, nearest, wrap, constant");
    }

    @ParameterizedTest
    @EnumSource(Filter.class)
    void threadsMustNotBeNegative(Filter filter) {
        rejects(() -> filter.run(in, out, OK.withThreads(-1)), "threads", "0..");
        rejects(() -> filter.run(in, out, OK.withThreads(Integer.MIN_VALUE)), "threads", "0..");
    }

    @ParameterizedTest
    @EnumSource(Filter.class)
    void unknownBackendIsRejected(Filter filter) {
        rejects(() -> filter.run(in, out, OK.withBackend("cuda")), "backend", "java");
    }

    // ---------------------------------------------------------------- the output array

    @ParameterizedTest
    @EnumSource(Filter.class)
    void outputMustHaveTheInputsShape(Filter filter) {
        NdArray wrongShape = filledLike(NdArray.allocate(DType.F64, arena, 4, 3));
        rejectsWithout(() -> filter.run(in, wrongShape, OK), wrongShape, "out", "[3, 4]");
        NdArray longer = filledLike(NdArray.allocate(DType.F64, arena, 3, 5));
        rejectsWithout(() -> filter.run(in, longer, OK), longer, "out", "[3, 4]");
    }

    @ParameterizedTest
    @EnumSource(Filter.class)
    void outputMustHaveTheInputsDtype(Filter filter) {
        NdArray single = filledLike(NdArray.allocate(DType.F32, arena, SHAPE));
        rejectsWithout(() -> filter.run(in, single, OK), single, "out", "float64");
    }

    @ParameterizedTest
    @EnumSource(Filter.class)
    void readOnlyOutputIsRejected(Filter filter) {
        NdArray readOnly = NdArray.of(out.segment().asReadOnly(), DType.F64, SHAPE);
        rejects(() -> filter.run(in, readOnly, OK), "out", "read-only");
    }

    @ParameterizedTest
    @EnumSource(Filter.class)
    void outputWithAZeroStrideIsRejected(Filter filter) {
        MemorySegment seg = arena.allocate(4 * Double.BYTES, 8);
        NdArray broadcast = NdArray.of(seg, DType.F64, SHAPE, new long[] {0, 1}, 0);
        rejectsWithout(() -> filter.run(in, broadcast, OK), broadcast, "out", "share memory");
    }

    // ---------------------------------------------------------------- helpers

    /** Asserts the rejection and that neither {@code in} nor {@code out} changed. */
    private void rejects(Executable call, String parameter, String allowed) {
        rejectsWithout(call, out, parameter, allowed);
    }

    private void rejectsWithout(Executable call, NdArray output, String parameter, String allowed) {
        byte[] inBefore = bytes(in);
        byte[] outBefore = bytes(output);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call,
                "expected an IllegalArgumentException for a bad " + parameter);
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains(parameter), "the message should name '" + parameter + "': " + message);
        assertTrue(message.contains(allowed), "the message should give the allowed '" + allowed + "': " + message);
        assertArrayEquals(inBefore, bytes(in), "the input changed although the call was rejected");
        assertArrayEquals(outBefore, bytes(output), "the output was written although the call was rejected: "
                + message);
    }

    private static byte[] bytes(NdArray a) {
        return a.spannedBytes().toArray(ValueLayout.JAVA_BYTE);
    }

    private static NdArray filledLike(NdArray a) {
        double[] v = new double[Math.toIntExact(a.size())];
        Arrays.fill(v, -7.25);
        a.copyFrom(a.dtype() == DType.F64 ? NdArray.wrap(v, a.shape()) : ArrayVariant.heap(DType.F32, a.shape(), v));
        return a;
    }
}
