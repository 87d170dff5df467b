package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kernelkit filterbank} writes what FilterBank.apply computes and rejects bad input with exit 2. */
class FilterbankCommandTest {
    @TempDir
    Path dir;

    private static final double[][] BANK = {{0.25, 0.5, 0.25}, {-1, 0, 1}, {0.1, 0.7, -0.3}};

    private Path write(String name, NdArray a) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    private Path bank() throws IOException {
        double[] flat = new double[9];
        for (int f = 0; f < 3; f++) {
            System.arraycopy(BANK[f], 0, flat, 3 * f, 3);
        }
        return write("bank.npy", NdArray.wrap(flat, 3, 3));
    }

    private static void ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "stderr of a successful run");
    }

    private static void bad(String expectedStart, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("kernelkit filterbank: " + expectedStart), r::toString);
    }

    @Test
    void matchesTheApiForEachAxisAndMethod() throws IOException {
        NdArray x = FilterCommandsTest.sample(DType.F64, Layout.F, 4, 30);
        Path in = write("x.npy", x);
        Path bank = bank();
        for (int axis : new int[] {0, -1}) {
            for (String method : List.of("direct", "gemm", "auto")) {
                Path out = dir.resolve("y" + axis + method + ".npy");
                ok("filterbank", in.toString(), out.toString(), "--weights", bank.toString(), "--axis", "" + axis,
                        "--mode", "wrap", "--origin", "1", "--method", method, "--threads", "2");
                FilterOptions options = FilterOptions.defaults().withAxis(axis).withMode("wrap").withOrigin(1);
                NdArray expected = FilterBank.apply(x, BANK, options, BankMethod.DIRECT);
                NdArray actual = Npy.read(out);
                assertArrayEquals(expected.shape(), actual.shape());
                assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(),
                        method.equals("direct") ? 0.0 : 1e-12, axis + " " + method);
            }
        }
        assertArrayEquals(new long[] {4, 3, 30}, Npy.read(dir.resolve("y-1direct.npy")).shape());
        assertArrayEquals(new long[] {3, 4, 30}, Npy.read(dir.resolve("y0direct.npy")).shape());
    }

    @Test
    void keepsFloat32() throws IOException {
        NdArray x = FilterCommandsTest.sample(DType.F32, Layout.C, 2, 50);
        Path out = dir.resolve("y.npy");
        ok("filterbank", write("x.npy", x).toString(), out.toString(), "--weights", bank().toString(), "--backend",
                "java", "--mode", "constant", "--cval", "2.5");
        NdArray y = Npy.read(out);
        assertEquals(DType.F32, y.dtype());
        NdArray expected = FilterBank.apply(x, BANK, FilterOptions.defaults().withMode("constant").withCval(2.5),
                BankMethod.DIRECT);
        assertArrayEquals(expected.toFloatArray(), y.toFloatArray());
    }

    @Test
    void rejectsBadInput() throws IOException {
        Path in = write("x.npy", FilterCommandsTest.sample(DType.F64, Layout.C, 2, 10));
        Path out = dir.resolve("y.npy");
        Path bank = bank();
        Path vector = write("v.npy", NdArray.wrap(new double[] {1, 2, 3}, 3));
        Path empty = write("e.npy", NdArray.allocate(DType.F64, 0, 3));
        bad("--weights: expected a 2-D array", "filterbank", in.toString(), out.toString(), "--weights",
                vector.toString());
        bad("--weights: shape [0, 3]", "filterbank", in.toString(), out.toString(), "--weights", empty.toString());
        bad("--weights: file not found", "filterbank", in.toString(), out.toString(), "--weights",
                dir.resolve("missing.npy").toString());
        bad("--axis: 2 is out of range", "filterbank", in.toString(), out.toString(), "--weights", bank.toString(),
                "--axis", "2");
        bad("--origin: 2 is out of range", "filterbank", in.toString(), out.toString(), "--weights",
                bank.toString(), "--origin", "2");
        bad("--method: 'fft' is not one of", "filterbank", in.toString(), out.toString(), "--weights",
                bank.toString(), "--method", "fft");
        bad("--mode:", "filterbank", in.toString(), out.toString(), "--weights", bank.toString(), "--mode", "x");
        bad("--threads:", "filterbank", in.toString(), out.toString(), "--weights", bank.toString(), "--threads",
                "-1");
        Path ints = NpyFiles.handMade(dir.resolve("i.npy"), "<i4", "(2,)", new byte[8]);
        bad("", "filterbank", ints.toString(), out.toString(), "--weights", bank.toString());
        assertTrue(Files.notExists(out), "no output after bad input");
    }
}
