package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Layout;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --method} on gaussian, correlate, convolve and lfilter: each value gives the API's result for that method,
 * bit for bit (the same code runs), and fft differs from direct only within tolerance.
 */
class MethodOptionTest {
    @TempDir
    Path dir;

    private static final double[] W = taps(301);

    private static double[] taps(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.sin(0.37 * i) / n;
        }
        return w;
    }

    private NdArray run(String command, Path in, Method method, String... extra) throws IOException {
        Path out = dir.resolve(command + "-" + method + ".npy");
        String[] args = {command, in.toString(), out.toString(), "--method", method.cliName()};
        args = concat(args, extra);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), r::toString);
        return Npy.read(out);
    }

    @Test
    void eachCommandFollowsTheApiForEachMethod() throws IOException {
        NdArray x = FilterCommandsTest.sample(DType.F64, Layout.C, 3, 700);
        Path in = dir.resolve("x.npy");
        Npy.write(in, x);
        Path w = dir.resolve("w.npy");
        Npy.write(w, NdArray.wrap(W, W.length));
        for (Method method : Method.values()) {
            FilterOptions o = FilterOptions.defaults().withMethod(method);
            same(Filters.gaussian1d(x, 40.0, o), run("gaussian", in, method, "--sigma", "40"), "gaussian " + method);
            same(Filters.correlate1d(x, W, o), run("correlate", in, method, "--weights", w.toString()),
                    "correlate " + method);
            same(Filters.convolve1d(x, W, o.withMode("wrap")), run("convolve", in, method, "--weights", w.toString(),
                    "--mode", "wrap"), "convolve " + method);
            same(Filters.lfilter(W, x, null, o).y(), run("lfilter", in, method, "--b", w.toString()),
                    "lfilter " + method);
        }
        double[] fft = run("correlate", in, Method.FFT, "--weights", w.toString()).toDoubleArray();
        double[] direct = run("correlate", in, Method.DIRECT, "--weights", w.toString()).toDoubleArray();
        assertArrayEquals(direct, fft, 1e-12, "fft within tolerance of direct");
    }

    private static void same(NdArray expected, NdArray actual, String what) {
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, what);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
