package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.FirStream;
import dev.kernelkit.LfilterResult;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filtering in chunks with the carried state equals filtering at once: for random chunkings (empty chunks and chunks
 * shorter than the filter included), every backend, every axis, both dtypes. float64 gives the same bits (state in
 * float64, sums in one order); float32 carries its state in float32, as SciPy would, so it agrees within 1e-5.
 * FirStream (state kept in double) gives the same bits as one lfilter call.
 */
class LfilterChunkingTest {
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : BackendsUnderTest.names()) {
            for (DType dtype : DType.values()) {
                for (int axis = 0; axis < 3; axis++) {
                    for (int nb : LfilterGoldenTest.TAPS) {
                        cases.add(Arguments.of(backend, dtype, axis, nb));
                    }
                }
            }
        }
        return cases.stream();
    }

    static NdArray random(DType dtype, long[] shape, Random rng) {
        NdArray a = NdArray.allocate(dtype, shape);
        double[] v = new double[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        a.copyFrom(NdArray.wrap(v, shape));
        return a;
    }

    static double[] randomTaps(int nb, Random rng) {
        double[] b = new double[nb];
        for (int i = 0; i < nb; i++) {
            b[i] = rng.nextGaussian();
        }
        return b;
    }

    /** Random chunk lengths summing to n: mostly short (0 .. 2*nb), sometimes long. */
    static List<Integer> chunking(int n, int nb, Random rng) {
        List<Integer> lengths = new ArrayList<>();
        int left = n;
        while (left > 0) {
            int len = rng.nextInt(4) == 0 ? rng.nextInt(n + 1) : rng.nextInt(2 * nb + 1);
            len = Math.min(len, left);
            lengths.add(len);
            left -= len;
        }
        lengths.add(0);
        return lengths;
    }

    @ParameterizedTest(name = "{0} {1} axis {2} len(b) {3}")
    @MethodSource("cases")
    void chunkedEqualsOneShot(String backend, DType dtype, int axis, int nb) {
        BackendsUnderTest.require(backend);
        Random rng = new Random(31L * nb + axis + 7L * dtype.ordinal());
        long[] shape = {3, 4, 5};
        shape[axis] = 70;
        NdArray x = random(dtype, shape, rng);
        double[] b = randomTaps(nb, rng);
        long[] zshape = shape.clone();
        zshape[axis] = nb - 1;
        NdArray zi = random(dtype, zshape, rng);
        FilterOptions options = FilterOptions.defaults().withAxis(axis).withBackend(backend).withThreads(2)
                .withMethod(Method.DIRECT); // chunked == one-shot bit for bit holds for the direct sums
        LfilterResult whole = Filters.lfilter(b, x, zi, options);

        for (int trial = 0; trial < 5; trial++) {
            NdArray y = x.zerosLike();
            NdArray state = zi;
            long at = 0;
            List<Integer> lengths = chunking(70, nb, rng);
            for (int len : lengths) {
                NdArray part = x.slice(axis, at, at + len);
                // Into a strided view of the output: out need not be contiguous.
                LfilterResult r = Filters.lfilter(b, part, state, y.slice(axis, at, at + len), options);
                state = r.zf();
                at += len;
            }
            String context = backend + " " + dtype + " axis " + axis + " len(b) " + nb + " chunks " + lengths;
            if (dtype == DType.F64) {
                Compare.ok(Compare.bitDifference(context + " y", shape, whole.y().toDoubleArray(),
                        y.toDoubleArray()));
                Compare.ok(Compare.bitDifference(context + " zf", zshape, whole.zf().toDoubleArray(),
                        state.toDoubleArray()));
            } else {
                Compare.ok(Compare.mismatch(context + " y", dtype, shape, whole.y().toDoubleArray(), 0,
                        y.toDoubleArray()));
                Compare.ok(Compare.mismatch(context + " zf", dtype, zshape, whole.zf().toDoubleArray(), 0,
                        state.toDoubleArray()));
            }
        }
    }

    @ParameterizedTest(name = "{0} len(b) {1}")
    @MethodSource("streamCases")
    void firStreamEqualsLfilter(String backend, int nb) {
        BackendsUnderTest.require(backend);
        Random rng = new Random(nb);
        int channels = 3;
        int n = 90;
        NdArray x = random(DType.F64, new long[] {channels, n}, rng);
        double[] b = randomTaps(nb, rng);
        // DIRECT: auto would choose per push (by chunk length), and the comparison below is bit for bit.
        FilterOptions options = FilterOptions.defaults().withBackend(backend).withMethod(Method.DIRECT);
        double[] expected = Filters.lfilter(b, x, null, options.withAxis(1)).y().toDoubleArray();
        FirStream stream = new FirStream(b, channels, options);
        for (int trial = 0; trial < 3; trial++) {
            double[] got = new double[channels * n];
            int at = 0;
            boolean arrays = trial % 2 == 0;
            for (int len : chunking(n, nb, rng)) {
                NdArray part = x.slice(1, at, at + len);
                double[] y;
                if (arrays) {
                    double[][] chunk = new double[channels][];
                    for (int c = 0; c < channels; c++) {
                        chunk[c] = part.slice(0, c, c + 1).toDoubleArray();
                    }
                    double[][] out = stream.push(chunk);
                    assertEquals(channels, out.length);
                    y = new double[channels * len];
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(out[c], 0, y, c * len, len);
                    }
                } else {
                    y = stream.push(part).toDoubleArray();
                }
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(y, c * len, got, c * n + at, len);
                }
                at += len;
            }
            Compare.ok(Compare.bitDifference("FirStream " + backend + " len(b) " + nb + " trial " + trial,
                    new long[] {channels, n}, expected, got));
            stream.reset();
        }
    }

    static Stream<Arguments> streamCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : BackendsUnderTest.names()) {
            for (int nb : LfilterGoldenTest.TAPS) {
                cases.add(Arguments.of(backend, nb));
            }
        }
        return cases.stream();
    }

    @Test
    void inPlaceEqualsOutOfPlace() {
        for (String backend : BackendsUnderTest.names()) {
            BackendsUnderTest.require(backend);
            Random rng = new Random(5);
            NdArray x = random(DType.F64, new long[] {4, 50}, rng);
            double[] b = randomTaps(5, rng);
            FilterOptions options = FilterOptions.defaults().withBackend(backend);
            double[] expected = Filters.lfilter(b, x, null, options).y().toDoubleArray();
            Filters.lfilter(b, x, null, x, options);
            assertArrayEquals(expected, x.toDoubleArray(), 0.0, backend);
        }
    }
}
