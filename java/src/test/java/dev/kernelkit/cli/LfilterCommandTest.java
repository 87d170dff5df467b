package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.LfilterResult;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kernelkit lfilter} writes what Filters.lfilter computes, carries state through files, rejects bad input. */
class LfilterCommandTest {
    @TempDir
    Path dir;

    private static final double[] B = {0.5, -0.25, 0.125, 1.0, 0.3};

    private Path write(String name, NdArray a) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "stderr of a successful run");
        return r;
    }

    private static void bad(String expectedStart, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("kernelkit lfilter: " + expectedStart), r::toString);
    }

    @Test
    void matchesTheApiAlongEachAxis() throws IOException {
        NdArray x = FilterCommandsTest.sample(DType.F64, Layout.C, 4, 30);
        Path in = write("x.npy", x);
        Path b = write("b.npy", NdArray.wrap(B, B.length));
        for (int axis : new int[] {0, 1, -1}) {
            Path out = dir.resolve("y" + axis + ".npy");
            ok("lfilter", in.toString(), out.toString(), "--b", b.toString(), "--axis", "" + axis, "--threads", "2");
            NdArray expected = Filters.lfilter(B, x, null, FilterOptions.defaults().withAxis(axis)).y();
            assertArrayEquals(expected.toDoubleArray(), Npy.read(out).toDoubleArray(), 0.0, "axis " + axis);
        }
    }

    @Test
    void carriesTheStateFromFileToFile() throws IOException {
        NdArray x = FilterCommandsTest.sample(DType.F32, Layout.C, 3, 40);
        Path b = write("b.npy", NdArray.wrap(B, B.length));
        Path state = dir.resolve("state.npy");
        // Parts of 3 samples (shorter than the filter) and 37.
        Path p1 = write("p1.npy", x.slice(1, 0, 3).copy());
        Path p2 = write("p2.npy", x.slice(1, 3, 40).copy());
        ok("lfilter", p1.toString(), dir.resolve("y1.npy").toString(), "--b", b.toString(), "--zf", state.toString());
        ok("lfilter", p2.toString(), dir.resolve("y2.npy").toString(), "--b", b.toString(), "--zi", state.toString(),
                "--zf", state.toString(), "--backend", "java");
        LfilterResult whole = Filters.lfilter(B, x, NdArray.allocate(DType.F32, 3, B.length - 1),
                FilterOptions.defaults());
        NdArray y1 = Npy.read(dir.resolve("y1.npy"));
        NdArray y2 = Npy.read(dir.resolve("y2.npy"));
        assertEquals(DType.F32, y2.dtype());
        assertArrayEquals(whole.y().slice(1, 0, 3).toDoubleArray(), y1.toDoubleArray(), 1e-6);
        assertArrayEquals(whole.y().slice(1, 3, 40).toDoubleArray(), y2.toDoubleArray(), 1e-5);
        assertArrayEquals(whole.zf().toDoubleArray(), Npy.read(state).toDoubleArray(), 1e-5);
        assertArrayEquals(new long[] {3, 4}, Npy.read(state).shape());
    }

    @Test
    void rejectsBadInputWithOneLine() throws IOException {
        NdArray x = FilterCommandsTest.sample(DType.F64, Layout.C, 4, 30);
        String in = write("x.npy", x).toString();
        String b = write("b.npy", NdArray.wrap(B, B.length)).toString();
        String out = dir.resolve("y.npy").toString();
        bad("--b: file not found", "lfilter", in, out, "--b", dir.resolve("none.npy").toString());
        bad("--b: the array", "lfilter", in, out, "--b", write("e.npy", NdArray.allocate(DType.F64, 0)).toString());
        bad("--b: expected a 1-D array", "lfilter", in, out, "--b", write("m.npy", x).toString());
        bad("--zi: shape [4, 3] must be [4, 4]", "lfilter", in, out, "--b", b, "--zi",
                write("zi.npy", NdArray.allocate(DType.F64, 4, 3)).toString());
        bad("--zi: dtype float32", "lfilter", in, out, "--b", b, "--zi",
                write("zi32.npy", NdArray.allocate(DType.F32, 4, 4)).toString());
        bad("--axis: ", "lfilter", in, out, "--b", b, "--axis", "2");
        bad("--threads: ", "lfilter", in, out, "--b", b, "--threads", "-2");
        bad("--backend: ", "lfilter", in, out, "--b", b, "--backend", "nosuch");
        bad("--method: unknown 'overlap-save' (allowed: direct, fft, auto)", "lfilter", in, out, "--b", b,
                "--method", "overlap-save");
        bad("--zf: is a directory", "lfilter", in, out, "--b", b, "--zf", dir.toString());
        bad("input file not found", "lfilter", dir.resolve("nope.npy").toString(), out, "--b", b);
        assertFalse(Files.exists(dir.resolve("y.npy")), "no output after a failure");
    }
}
