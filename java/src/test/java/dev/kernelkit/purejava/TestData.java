package dev.kernelkit.purejava;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.Random;

/** Random inputs and weights for the backend tests. Values span several magnitudes so that summation order shows. */
final class TestData {
    private TestData() {
    }

    /** A value with random sign and a magnitude between 1e-3 and 1e3. */
    static double value(Random rnd) {
        return (rnd.nextDouble() * 2 - 1) * Math.pow(10, rnd.nextInt(7) - 3);
    }

    static double[] values(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = value(rnd);
        }
        return v;
    }

    /** Weights of the given kind: "general", "symmetric" or "antisymmetric" (odd lengths only for the last two). */
    static double[] weights(Random rnd, int k, String kind) {
        double[] w = values(rnd, k);
        int c = k / 2;
        for (int j = 1; j <= c && !kind.equals("general"); j++) {
            w[c + j] = kind.equals("symmetric") ? w[c - j] : -w[c - j];
        }
        return w;
    }

    /** A C-ordered heap array of the dtype with random values. */
    static NdArray heap(Random rnd, DType dtype, long... shape) {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] v = values(rnd, n);
        if (dtype == DType.F64) {
            return NdArray.wrap(v, shape);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) v[i];
        }
        return NdArray.wrap(f, shape);
    }

    /** An off-heap array of the dtype in the given layout with random values. */
    static NdArray offHeap(Random rnd, DType dtype, Arena arena, Layout layout, long... shape) {
        NdArray a = NdArray.allocate(dtype, arena, layout, shape);
        a.copyFrom(heap(rnd, dtype, shape));
        return a;
    }

    /** Bit patterns of the values (so that -0.0, 0.0 and NaNs compare exactly). */
    static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToLongBits(v[i]);
        }
        return b;
    }
}
