package dev.kernelkit.golden;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.LfilterResult;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Direct lfilter gives the same bits on every backend: the native library's vectorised causal kernel (blocks of
 * outputs, with the first and last taps of the head and of the final state summed separately) and the pure-Java
 * twin's one-output-at-a-time loop promise the same summation order. Filters long and short against line lengths
 * around them, so the head, body and final-state paths of the native kernel are all compared.
 */
class LfilterBackendsAgreeTest {
    private static final int[] TAPS = {1, 2, 33, 64, 65, 150};
    private static final long[] LENGTHS = {0, 1, 40, 64, 149, 150, 151, 300, 701};

    @Test
    void everyBackendGivesTheJavaTwinsBits() {
        Random rng = new Random(8);
        for (DType dtype : DType.values()) {
            for (int nb : TAPS) {
                double[] b = LfilterChunkingTest.randomTaps(nb, rng);
                for (long n : LENGTHS) {
                    long[] shape = {3, n};
                    NdArray x = LfilterChunkingTest.random(dtype, shape, rng);
                    NdArray zi = LfilterChunkingTest.random(dtype, new long[] {3, nb - 1}, rng);
                    LfilterResult expected = run("java", b, x, zi);
                    for (String backend : BackendsUnderTest.loaded()) {
                        LfilterResult got = run(backend, b, x, zi);
                        String context = backend + " " + dtype.numpyName() + " len(b) " + nb + " n " + n;
                        Compare.ok(Compare.bitDifference(context + " y", shape, expected.y().toDoubleArray(),
                                got.y().toDoubleArray()));
                        Compare.ok(Compare.bitDifference(context + " zf", new long[] {3, nb - 1},
                                expected.zf().toDoubleArray(), got.zf().toDoubleArray()));
                    }
                }
            }
        }
    }

    private static LfilterResult run(String backend, double[] b, NdArray x, NdArray zi) {
        FilterOptions options = FilterOptions.defaults().withBackend(backend).withMethod(Method.DIRECT);
        return Filters.lfilter(b, x, zi, options);
    }
}
