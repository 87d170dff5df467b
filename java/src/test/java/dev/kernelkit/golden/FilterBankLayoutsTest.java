package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bank in different memory layouts gives the same values as C-ordered off-heap arrays: heap arrays,
 * Fortran order, a reversed input, an output that is a step-2 view (its gaps untouched) and an output with the
 * filter axis innermost; long lines (several work units each) at 1 and 4 threads. Direct: bit for bit; GEMM: within
 * the core tolerance.
 */
class FilterBankLayoutsTest {
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String backend : BackendsUnderTest.names()) {
            for (BankMethod method : new BankMethod[] {BankMethod.DIRECT, BankMethod.GEMM}) {
                for (DType dtype : DType.values()) {
                    all.add(Arguments.of(backend, method, dtype));
                }
            }
        }
        return all.stream();
    }

    static NdArray random(DType dtype, Random r, long... shape) {
        NdArray a = NdArray.allocate(dtype, shape);
        double[] v = new double[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        a.copyFrom(NdArray.wrap(v, shape));
        return a;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void layoutsAgree(String backend, BankMethod method, DType dtype) {
        BackendsUnderTest.require(backend);
        Random r = new Random(7);
        double[][] bank = new double[5][13];
        for (double[] row : bank) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextGaussian();
            }
        }
        for (long[] shape : new long[][] {{3, 4, 37}, {2, 5000}}) {
            NdArray x = random(dtype, r, shape);
            int axis = shape.length - 1;
            for (int a : new int[] {0, axis}) {
                FilterOptions options = FilterOptions.defaults().withAxis(a).withMode("mirror").withOrigin(-3)
                        .withBackend(backend).withThreads(1);
                NdArray reference = FilterBank.apply(x, bank, options, BankMethod.DIRECT);
                double[] expected = reference.toDoubleArray();
                String context = backend + " " + method + " " + dtype + " " + java.util.Arrays.toString(shape)
                        + " axis " + a;
                long[] outShape = reference.shape();
                try (Arena arena = Arena.ofShared()) {
                    // heap in, Fortran out, 4 threads
                    NdArray heapIn = ArrayVariant.heap(dtype, x.shape(), x.toDoubleArray());
                    NdArray fortran = NdArray.allocate(dtype, arena, Layout.F, outShape);
                    FilterBank.apply(heapIn, fortran, bank, options.withThreads(4), method);
                    check(context + " heap->F", method, dtype, expected, fortran);
                    // Fortran in, heap out
                    NdArray heapOut = ArrayVariant.heap(dtype, outShape, new double[(int) reference.size()]);
                    FilterBank.apply(x.copy(Layout.F), heapOut, bank, options, method);
                    check(context + " F->heap", method, dtype, expected, heapOut);
                    // a reversed input (negative stride along the filtered axis) against its C-ordered copy
                    NdArray rev = x.slice(a, x.shape(a) - 1, -1, -1);
                    FilterOptions shifted = options.withOrigin(3);
                    check(context + " reversed", method, dtype,
                            FilterBank.apply(rev.copy(), bank, shifted, BankMethod.DIRECT).toDoubleArray(),
                            FilterBank.apply(rev, bank, shifted.withThreads(2), method));
                    // a step-2 output view; the gaps keep their sentinel
                    long[] big = outShape.clone();
                    big[big.length - 1] *= 2;
                    NdArray buffer = NdArray.allocate(dtype, arena, big);
                    buffer.copyFrom(constant(dtype, big, ArrayVariant.SENTINEL));
                    NdArray strided = buffer.slice(big.length - 1, 0, big[big.length - 1], 2);
                    FilterBank.apply(x, strided, bank, options.withThreads(3), method);
                    check(context + " strided out", method, dtype, expected, strided);
                    NdArray gaps = buffer.slice(big.length - 1, 1, big[big.length - 1], 2);
                    for (double g : gaps.toDoubleArray()) {
                        assertEquals(ArrayVariant.SENTINEL, g, context + ": a gap of the strided output was written");
                    }
                    // the filter axis innermost
                    int n = outShape.length;
                    int[] perm = new int[n];
                    long[] permShape = new long[n];
                    for (int d = 0, q = 0; d < n; d++) {
                        if (d != a) {
                            permShape[q++] = outShape[d];
                        }
                    }
                    permShape[n - 1] = outShape[a];
                    for (int d = 0, q = 0; d < n; d++) {
                        perm[d] = d == a ? n - 1 : q++;
                    }
                    NdArray inner = NdArray.allocate(dtype, arena, permShape).transpose(perm);
                    FilterBank.apply(x, inner, bank, options, method);
                    check(context + " filters innermost", method, dtype, expected, inner);
                }
            }
        }
    }

    private static NdArray constant(DType dtype, long[] shape, double value) {
        NdArray c = NdArray.allocate(dtype, shape);
        double[] v = new double[(int) c.size()];
        java.util.Arrays.fill(v, value);
        c.copyFrom(NdArray.wrap(v, shape));
        return c;
    }

    private static void check(String context, BankMethod method, DType dtype, double[] expected, NdArray actual) {
        double[] got = actual.toDoubleArray();
        // terms: |w| sums to about 13 * 0.8 and |x| stays below 5
        Compare.ok(method == BankMethod.DIRECT ? Compare.bitDifference(context, actual.shape(), expected, got)
                : Compare.mismatch(context, dtype, actual.shape(), expected, 60.0, got));
    }
}
