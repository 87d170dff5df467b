package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.LfilterResult;
import dev.kernelkit.Method;
import dev.kernelkit.MethodChoice;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * lfilter with method fft: against SciPy's lfilter goldens (golden-lfilter/, with and without zi), against the
 * direct method for long filters, and chunked filtering with the carried state equal to one-shot filtering within
 * tolerance (random chunkings, chunks shorter than the filter included), on every backend; auto takes the method
 * {@link MethodChoice} says.
 */
class FftLfilterTest {
    /** Lengths beyond the goldens' (which stop at 33): where the FFT method is meant to be used. */
    private static final int[] LONG_TAPS = {64, 301};

    @ParameterizedTest(name = "{0} {1} axis {2} len(b) {3}")
    @MethodSource("dev.kernelkit.golden.LfilterGoldenTest#cases")
    void matchesScipy(String backend, String dt, int axis, int nb) throws IOException {
        BackendsUnderTest.require(backend);
        String tag = dt + "_a" + axis + "_b" + nb;
        NdArray x = LfilterGoldenTest.golden("x_" + dt);
        double[] b = LfilterGoldenTest.golden("b_" + nb).toDoubleArray();
        NdArray zi = LfilterGoldenTest.golden("zi_" + tag);
        String context = "lfilter fft " + tag + " backend " + backend;
        FilterOptions options = fft(backend, axis);
        double terms = terms(b, x, zi);

        NdArray y = Filters.lfilter(b, x, null, options).y();
        Compare.ok(Compare.mismatch(context + " y", x.dtype(), x.shape(),
                LfilterGoldenTest.golden("y_" + tag).toDoubleArray(), terms, y.toDoubleArray()));
        LfilterResult r = Filters.lfilter(b, x, zi, options);
        Compare.ok(Compare.mismatch(context + " y(zi)", x.dtype(), x.shape(),
                LfilterGoldenTest.golden("yzi_" + tag).toDoubleArray(), terms, r.y().toDoubleArray()));
        assertArrayEquals(zi.shape(), r.zf().shape());
        Compare.ok(Compare.mismatch(context + " zf", x.dtype(), zi.shape(),
                LfilterGoldenTest.golden("zf_" + tag).toDoubleArray(), terms, r.zf().toDoubleArray()));
    }

    static Stream<Arguments> chunkCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : BackendsUnderTest.names()) {
            for (DType dtype : DType.values()) {
                for (int axis = 0; axis < 3; axis++) {
                    for (int nb : new int[] {1, 2, 33, LONG_TAPS[0], LONG_TAPS[1]}) {
                        cases.add(Arguments.of(backend, dtype, axis, nb));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} axis {2} len(b) {3}")
    @MethodSource("chunkCases")
    void chunkedEqualsOneShotAndDirect(String backend, DType dtype, int axis, int nb) {
        BackendsUnderTest.require(backend);
        Random rng = new Random(97L * nb + axis + 13L * dtype.ordinal());
        long[] shape = {2, 3, 3};
        int n = 2 * nb + 50;
        shape[axis] = n;
        NdArray x = LfilterChunkingTest.random(dtype, shape, rng);
        double[] b = LfilterChunkingTest.randomTaps(nb, rng);
        long[] zshape = shape.clone();
        zshape[axis] = nb - 1;
        NdArray zi = LfilterChunkingTest.random(dtype, zshape, rng);
        FilterOptions options = fft(backend, axis);
        double terms = terms(b, x, zi);
        LfilterResult whole = Filters.lfilter(b, x, zi, options);
        String context = backend + " " + dtype + " axis " + axis + " len(b) " + nb;

        LfilterResult direct = Filters.lfilter(b, x, zi, options.withMethod(Method.DIRECT));
        Compare.ok(Compare.mismatch(context + " fft vs direct y", dtype, shape, direct.y().toDoubleArray(), terms,
                whole.y().toDoubleArray()));
        Compare.ok(Compare.mismatch(context + " fft vs direct zf", dtype, zshape, direct.zf().toDoubleArray(), terms,
                whole.zf().toDoubleArray()));

        for (int trial = 0; trial < 3; trial++) {
            NdArray y = x.zerosLike();
            NdArray state = zi;
            long at = 0;
            List<Integer> lengths = LfilterChunkingTest.chunking(n, nb, rng);
            for (int len : lengths) {
                LfilterResult r = Filters.lfilter(b, x.slice(axis, at, at + len), state,
                        y.slice(axis, at, at + len), options);
                state = r.zf();
                at += len;
            }
            String chunked = context + " chunks " + lengths;
            Compare.ok(Compare.mismatch(chunked + " y", dtype, shape, whole.y().toDoubleArray(), terms,
                    y.toDoubleArray()));
            Compare.ok(Compare.mismatch(chunked + " zf", dtype, zshape, whole.zf().toDoubleArray(), terms,
                    state.toDoubleArray()));
        }
    }

    @ParameterizedTest(name = "{0} {1} axis {2} len(b) {3}")
    @MethodSource("chunkCases")
    void autoTakesTheModelsChoice(String backend, DType dtype, int axis, int nb) {
        BackendsUnderTest.require(backend);
        Random rng = new Random(nb + 1000L * axis);
        long[] shape = {2, 3, 3};
        shape[axis] = 400;
        NdArray x = LfilterChunkingTest.random(dtype, shape, rng);
        double[] b = LfilterChunkingTest.randomTaps(nb, rng);
        FilterOptions options = fft(backend, axis);
        Method chosen = MethodChoice.chooseLfilter(backend, dtype, nb, 400, 9);
        double[] auto = Filters.lfilter(b, x, null, options.withMethod(Method.AUTO)).y().toDoubleArray();
        double[] expected = Filters.lfilter(b, x, null, options.withMethod(chosen)).y().toDoubleArray();
        Compare.ok(Compare.bitDifference(backend + " " + dtype + " len(b) " + nb + " auto (model: " + chosen + ")",
                shape, expected, auto));
    }

    private static FilterOptions fft(String backend, int axis) {
        return FilterOptions.defaults().withAxis(axis).withBackend(backend).withThreads(2).withMethod(Method.FFT);
    }

    /** The size of the numbers each output sums: sum|b| max|x| + max|zi| (the tolerance's scale). */
    private static double terms(double[] b, NdArray x, NdArray zi) {
        double sumB = 0;
        for (double v : b) {
            sumB += Math.abs(v);
        }
        return sumB * maxAbs(x) + maxAbs(zi);
    }

    private static double maxAbs(NdArray a) {
        double m = 0;
        for (double v : a.toDoubleArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
