package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.LfilterResult;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters.lfilter against scipy.signal.lfilter(b, [1.0], x, axis, zi) (tools/gen_lfilter_goldens.py): every backend,
 * both dtypes, every axis of a 3-D array, len(b) 1, 2, 5 and 33, with and without zi; the same bits for 1 and 3
 * threads, and the same bits from every backend (they all sum in one fixed order).
 */
class LfilterGoldenTest {
    static final int[] TAPS = {1, 2, 5, 33};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : BackendsUnderTest.names()) {
            for (String dt : new String[] {"f32", "f64"}) {
                for (int axis = 0; axis < 3; axis++) {
                    for (int nb : TAPS) {
                        cases.add(Arguments.of(backend, dt, axis, nb));
                    }
                }
            }
        }
        return cases.stream();
    }

    static NdArray golden(String name) throws IOException {
        URL url = LfilterGoldenTest.class.getResource("/golden-lfilter/" + name + ".npy");
        if (url == null) {
            throw new IllegalStateException("golden-lfilter/" + name + ".npy is not on the test class path; run "
                    + "/usr/bin/python3 tools/gen_lfilter_goldens.py");
        }
        try {
            return Npy.read(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} axis {2} len(b) {3}")
    @MethodSource("cases")
    void matchesScipy(String backend, String dt, int axis, int nb) throws IOException {
        BackendsUnderTest.require(backend);
        String tag = dt + "_a" + axis + "_b" + nb;
        NdArray x = golden("x_" + dt);
        double[] b = golden("b_" + nb).toDoubleArray();
        NdArray zi = golden("zi_" + tag);
        DType dtype = x.dtype();
        String context = "lfilter " + tag + " backend " + backend;
        double[] reference = null;
        for (int threads : new int[] {1, 3}) {
            FilterOptions options = FilterOptions.defaults().withAxis(axis).withBackend(backend).withThreads(threads)
                    .withMethod(Method.DIRECT); // compared bit for bit across threads and backends below

            NdArray y = Filters.lfilter(b, x, null, options).y();
            assertNull(Filters.lfilter(b, x, null, options).zf(), "zf without zi");
            double[] expected = golden("y_" + tag).toDoubleArray();
            Compare.ok(Compare.mismatch(context + " y", dtype, x.shape(), expected, 0, y.toDoubleArray()));

            LfilterResult r = Filters.lfilter(b, x, zi, options);
            Compare.ok(Compare.mismatch(context + " y(zi)", dtype, x.shape(), golden("yzi_" + tag).toDoubleArray(),
                    0, r.y().toDoubleArray()));
            assertEquals(dtype, r.zf().dtype());
            assertArrayEquals(zi.shape(), r.zf().shape());
            Compare.ok(Compare.mismatch(context + " zf", dtype, zi.shape(), golden("zf_" + tag).toDoubleArray(), 0,
                    r.zf().toDoubleArray()));

            double[] bits = concat(y.toDoubleArray(), r.y().toDoubleArray(), r.zf().toDoubleArray());
            if (reference == null) {
                reference = bits;
            } else {
                Compare.ok(Compare.bitDifference(context + " threads 3 vs 1", new long[] {bits.length}, reference,
                        bits));
            }
        }
        if (!backend.equals("java")) {
            FilterOptions java = FilterOptions.defaults().withAxis(axis).withBackend("java").withMethod(Method.DIRECT);
            LfilterResult j = Filters.lfilter(b, x, zi, java);
            double[] bits = concat(Filters.lfilter(b, x, null, java).y().toDoubleArray(), j.y().toDoubleArray(),
                    j.zf().toDoubleArray());
            Compare.ok(Compare.bitDifference(context + " vs java", new long[] {bits.length}, bits, reference));
        }
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
