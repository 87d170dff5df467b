package dev.kernelkit.purejava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.Mode;
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
 * {@link FftCorrelation} against the java backend's direct correlation: every mode, origins at both ends of the range
 * and the centre, odd and even weight counts 1..2000, lines of 1 sample to several blocks, every axis of a 3-d array,
 * reversed and strided views, float32 and float64, in place; and the same bits for 1, 2 and 3 threads.
 */
class FftCorrelationTest {
    private static final JavaBackend DIRECT = new JavaBackend();
    private static final int[] KS = {1, 2, 3, 4, 8, 15, 16, 31, 64, 127, 256, 321, 1000, 1023, 2000};
    private static final int[] NS = {1, 2, 3, 7, 40, 333, 1000, 5000, 23456};

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int i = 0;
        for (int k : KS) {
            for (int n : NS) {
                if ((long) n * k > 20_000_000L) {
                    continue;
                }
                for (Mode mode : Mode.values()) {
                    int[] origins = {-(k / 2), 0, (k - 1) / 2};
                    list.add(Arguments.of(k, n, mode, origins[i % 3], i % 2 == 0 ? DType.F64 : DType.F32, i % 4));
                    i++;
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "K={0} n={1} {2} origin={3} {4} layout={5}")
    @MethodSource("cases")
    void matchesDirect(int k, int n, Mode mode, int origin, DType dtype, int layout) {
        Random rnd = new Random(31L * k + n + mode.ordinal());
        double[] w = TestData.values(rnd, k);
        NdArray base;
        int axis;
        NdArray in;
        switch (layout) {
            case 0 -> { // two contiguous lines: lines split into pieces
                in = TestData.heap(rnd, dtype, 2, n);
                axis = 1;
            }
            case 1 -> { // axis 0, lines strided and grouped
                in = TestData.heap(rnd, dtype, n, 3, 5);
                axis = 0;
            }
            case 2 -> { // the middle axis reversed
                base = TestData.heap(rnd, dtype, 3, n, 2);
                in = base.slice(1, n - 1, -1, -1);
                axis = 1;
            }
            default -> { // transposed
                base = TestData.heap(rnd, dtype, 4, n);
                in = base.transpose();
                axis = 0;
            }
        }
        if (n > 5000 && layout != 0) {
            in = TestData.heap(rnd, dtype, 1, n);
            axis = 1;
        }
        double cval = 0.75;
        NdArray expected = in.zerosLike();
        DIRECT.correlate1d(in, expected, axis, w, origin, mode, cval, 1);
        double scale = 0;
        double xmax = cval;
        for (double v : values(in)) {
            xmax = Math.max(xmax, Math.abs(v));
        }
        double wsum = 0;
        for (double v : w) {
            wsum += Math.abs(v);
        }
        double[] exp = values(expected);
        for (double v : exp) {
            scale = Math.max(scale, Math.abs(v));
        }
        scale = Math.max(scale, wsum * xmax);
        double tol = (dtype == DType.F64 ? 1e-12 : 1e-5) * scale;

        double[] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            NdArray out = in.zerosLike();
            FftCorrelation.correlate(in, out, axis, w, origin, mode, cval, threads);
            double[] got = values(out);
            for (int i = 0; i < got.length; i++) {
                double d = Math.abs(got[i] - exp[i]);
                if (!(d <= tol)) {
                    throw new AssertionError("element " + i + ": " + got[i] + " vs " + exp[i] + " (tol " + tol + ")");
                }
            }
            if (first == null) {
                first = got;
            } else {
                assertArrayEquals(TestData.bits(first), TestData.bits(got), "threads " + threads);
            }
        }
        // in place gives the same bits
        NdArray copy = in.copy();
        NdArray view = copy;
        FftCorrelation.correlate(view, view, axis, w, origin, mode, cval, 2);
        assertArrayEquals(TestData.bits(first), TestData.bits(values(view)), "in place");
    }

    /** A line's result does not depend on the other lines in the call. */
    @Test
    void linesIndependent() {
        Random rnd = new Random(5);
        double[] w = TestData.values(rnd, 301);
        NdArray all = TestData.heap(rnd, DType.F64, 12, 3000);
        NdArray out = all.zerosLike();
        FftCorrelation.correlate(all, out, 1, w, 3, Mode.MIRROR, 0, 2);
        for (int r = 0; r < 12; r++) {
            NdArray row = all.slice(0, r, r + 1);
            NdArray one = row.zerosLike();
            FftCorrelation.correlate(row, one, 1, w, 3, Mode.MIRROR, 0, 1 + r % 3);
            assertArrayEquals(TestData.bits(values(out.slice(0, r, r + 1))), TestData.bits(values(one)));
        }
    }

    /** By hand: [1 2 3 4] reflect-extended, weights 1 2 3: y = 9, 14, 20, 23. */
    @Test
    void byHand() {
        NdArray x = NdArray.wrap(new double[] {1, 2, 3, 4}, 4);
        NdArray y = x.zerosLike();
        FftCorrelation.correlate(x, y, 0, new double[] {1, 2, 3}, 0, Mode.REFLECT, 0, 1);
        double[] expected = {9, 14, 20, 23};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], y.get(i), 1e-13);
        }
    }

    @Test
    void blockLengthCoversKernel() {
        for (int k : KS) {
            for (long n : new long[] {1, 100, 1_000_000}) {
                int p = FftCorrelation.blockLog2(n, k);
                assertTrue((1L << p) >= 2L * k && p >= RealFft.MIN_LOG2, "K=" + k + " n=" + n + " -> 2^" + p);
            }
        }
    }

    /** The values of an array in C order of its indices. */
    private static double[] values(NdArray a) {
        NdArray c = a.copy();
        int size = Math.toIntExact(c.size());
        double[] v = new double[size];
        long[] shape = c.shape();
        long[] idx = new long[shape.length];
        for (int i = 0; i < size; i++) {
            v[i] = c.get(idx);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return v;
    }
}
