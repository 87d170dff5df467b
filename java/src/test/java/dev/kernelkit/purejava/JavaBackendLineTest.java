package dev.kernelkit.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kernelkit.DType;
import dev.kernelkit.GaussianKernel;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** One-dimensional behaviour of the java backend against {@link NaiveCorrelate}, bit for bit. */
class JavaBackendLineTest {
    private static final Backend BACKEND = new JavaBackend();
    private static final int[] KS = {1, 2, 3, 4, 5, 8, 21};
    /** Around the scalar/vector switch (48) and the block size (512), plus the short lines SciPy pads periodically. */
    private static final int[] LENGTHS = {1, 2, 3, 5, 47, 48, 700, 1100};

    static Stream<Arguments> modesAndTypes() {
        return Stream.of(Mode.values()).flatMap(m -> Stream.of(DType.values()).map(t -> Arguments.of(m, t)));
    }

    private static double[] run(NdArray in, double[] w, int origin, Mode mode, double cval) {
        NdArray out = in.zerosLike();
        BACKEND.correlate1d(in, out, 0, w, origin, mode, cval, 1);
        return out.toDoubleArray();
    }

    @ParameterizedTest
    @MethodSource("modesAndTypes")
    void everyLengthWeightCountOriginAndFold(Mode mode, DType dtype) {
        Random rnd = new Random(mode.ordinal() * 31 + dtype.ordinal());
        for (int k : KS) {
            List<String> kinds = k % 2 == 1 ? List.of("general", "symmetric", "antisymmetric") : List.of("general");
            for (String kind : kinds) {
                double[] w = TestData.weights(rnd, k, kind);
                for (int origin = -(k / 2); origin <= (k - 1) / 2; origin++) {
                    for (int n : LENGTHS) {
                        NdArray in = TestData.heap(rnd, dtype, n);
                        double cval = TestData.value(rnd);
                        double[] expected = NaiveCorrelate.correlate(in, 0, w, origin, mode, cval);
                        double[] actual = run(in, w, origin, mode, cval);
                        String what = mode + " " + dtype + " K=" + k + " " + kind + " origin=" + origin + " n=" + n;
                        assertArrayEquals(expected, actual, what);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void longLinesStreamThroughSeveralWindows(Mode mode) {
        Random rnd = new Random(7 + mode.ordinal());
        double[] gauss = Backend.reversed(GaussianKernel.weights(40, 0, 160));
        double[] plain = TestData.weights(rnd, 22, "general");
        for (DType dtype : DType.values()) {
            for (double[] w : List.of(gauss, plain)) {
                NdArray in = TestData.heap(rnd, dtype, 70_001);
                double[] expected = NaiveCorrelate.correlate(in, 0, w, 1, mode, -2.5);
                assertArrayEquals(expected, run(in, w, 1, mode, -2.5), mode + " " + dtype + " K=" + w.length);
                BACKEND.correlate1d(in, in, 0, w, 1, mode, -2.5, 1); // in place
                assertArrayEquals(expected, in.toDoubleArray(), "in place " + mode + " " + dtype + " K=" + w.length);
            }
        }
    }

    @Test
    void kernelsLongerThanTheScratchRegionsUseTheScalarPath() {
        Random rnd = new Random(3);
        double[] w = TestData.weights(rnd, 8301, "symmetric");
        NdArray in = TestData.heap(rnd, DType.F64, 9000);
        assertArrayEquals(NaiveCorrelate.correlate(in, 0, w, 0, Mode.WRAP, 0), run(in, w, 0, Mode.WRAP, 0));
    }

    @Test
    void weightsWithinDblEpsilonOfSymmetricAreFoldedLikeSciPy() {
        // SciPy tests |w[c+k] - w[c-k]| <= DBL_EPSILON, then sums (left + right) * w[c-k]; these data make it show.
        double[] w = {0.5, 0.0, Math.nextUp(0.5)};
        double[] x = {1e10, 3.0, 7e10, 5.0};
        double[] actual = run(NdArray.wrap(x.clone(), 4), w, 0, Mode.REFLECT, 0);
        double folded = x[1] * w[1] + (x[0] + x[2]) * w[0];
        double unfolded = x[2] * w[2] + x[0] * w[0] + x[1] * w[1];
        assertNotEquals(unfolded, folded, "the data must tell the two orders apart");
        assertEquals(folded, actual[1]);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gaussianCorrelatesWithTheReversedKernel(Mode mode) {
        Random rnd = new Random(11);
        for (int order = 0; order <= 3; order++) {
            for (int n : new int[] {3, 200}) {
                NdArray in = TestData.heap(rnd, DType.F64, n);
                double[] w = Backend.reversed(GaussianKernel.weights(2.5, order, 10));
                NdArray out = in.zerosLike();
                BACKEND.gaussian1d(in, out, 0, 2.5, order, 10, mode, 1.5, 1);
                assertArrayEquals(NaiveCorrelate.correlate(in, 0, w, 0, mode, 1.5), out.toDoubleArray(),
                        "order " + order + " n=" + n);
            }
        }
    }

    @Test
    void convolveIsCorrelationWithReversedWeightsAndMirroredOrigin() {
        Random rnd = new Random(5);
        for (int k : new int[] {1, 2, 5, 6}) {
            double[] w = TestData.weights(rnd, k, "general");
            for (int origin = -(k / 2); origin <= (k - 1) / 2; origin++) {
                NdArray in = TestData.heap(rnd, DType.F64, 300);
                NdArray out = in.zerosLike();
                BACKEND.convolve1d(in, out, 0, w, origin, Mode.MIRROR, 0, 1);
                int corrOrigin = k % 2 == 0 ? -origin - 1 : -origin;
                double[] expected = NaiveCorrelate.correlate(in, 0, Backend.reversed(w), corrOrigin, Mode.MIRROR, 0);
                assertArrayEquals(expected, out.toDoubleArray(), "K=" + k + " origin=" + origin);
            }
        }
    }
}
