package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Layout;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The filter commands write exactly what the Java API computes, for every option they pass through. */
class FilterCommandsTest {
    @TempDir
    Path dir;

    /** A 2-D array whose lines differ (so axis mistakes show) and whose ends differ (so mode mistakes show). */
    static NdArray sample(DType dtype, Layout layout, long rows, long cols) {
        NdArray a = NdArray.allocate(dtype, Arena.ofAuto(), layout, rows, cols);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                a.set(Math.sin(0.37 * j + 1.3 * i) + 0.05 * j - 0.2 * i + ((i * 7 + j * 3) % 5) * 0.1, i, j);
            }
        }
        return a;
    }

    private Path write(String name, NdArray a) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    private static void assertSameArray(NdArray expected, NdArray actual) {
        assertEquals(expected.dtype(), actual.dtype(), "dtype");
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, "values");
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "stderr of a successful run");
        return r;
    }

    @Test
    void gaussianWithDefaultsMatchesFilters() throws IOException {
        NdArray x = sample(DType.F64, Layout.C, 4, 53);
        Path in = write("in.npy", x);
        Path out = dir.resolve("out.npy");
        ok("gaussian", in.toString(), out.toString(), "--sigma", "2.5");
        NdArray expected = Filters.gaussian1d(x, 2.5);
        assertSameArray(expected, Npy.read(out));
        assertNotEquals(x.toDoubleArray()[0], expected.toDoubleArray()[0], "the filter changed the data");
        assertEquals(List.of("in.npy", "out.npy"), NpyFiles.names(dir), "no temporary file left behind");
    }

    static Stream<List<String>> gaussianOptions() {
        return Stream.of(
                List.of("--axis", "0", "--order", "2", "--mode", "constant", "--cval", "1.5"),
                List.of("--axis", "-2", "--order", "1", "--mode", "mirror", "--truncate", "2.0"),
                List.of("--order", "3", "--mode", "nearest", "--radius", "4", "--threads", "2"),
                List.of("--mode", "grid-wrap", "--threads", "1"));
    }

    @ParameterizedTest
    @MethodSource("gaussianOptions")
    void gaussianPassesEveryOption(List<String> options) throws IOException {
        NdArray x = sample(DType.F64, Layout.C, 6, 29);
        Path in = write("in.npy", x);
        Path out = dir.resolve("out.npy");
        List<String> args = Stream.concat(Stream.of("gaussian", in.toString(), out.toString(), "--sigma", "1.8"),
                options.stream()).toList();
        ok(args.toArray(String[]::new));
        FilterOptions o = FilterOptions.defaults();
        for (int i = 0; i < options.size(); i += 2) {
            String v = options.get(i + 1);
            switch (options.get(i)) {
                case "--axis" -> o = o.withAxis(Integer.parseInt(v));
                case "--order" -> o = o.withOrder(Integer.parseInt(v));
                case "--mode" -> o = o.withMode(Mode.parse(v));
                case "--cval" -> o = o.withCval(Double.parseDouble(v));
                case "--truncate" -> o = o.withTruncate(Double.parseDouble(v));
                case "--radius" -> o = o.withRadius(Integer.parseInt(v));
                case "--threads" -> o = o.withThreads(Integer.parseInt(v));
                default -> throw new AssertionError(options.get(i));
            }
        }
        assertSameArray(Filters.gaussian1d(x, 1.8, o), Npy.read(out));
    }

    @Test
    void correlateWithFloat32WeightsAlongAxis0() throws IOException {
        NdArray x = sample(DType.F64, Layout.C, 17, 5);
        float[] wf = {0.25f, -1.5f, 2.0f, 0.125f, 0.3f};
        Path in = write("in.npy", x);
        Path w = write("w.npy", NdArray.wrap(wf.clone(), wf.length));
        Path out = dir.resolve("out.npy");
        ok("correlate", in.toString(), out.toString(), "--weights", w.toString(), "--axis", "0", "--mode", "wrap",
                "--origin", "-1");
        double[] wd = new double[wf.length];
        for (int i = 0; i < wf.length; i++) {
            wd[i] = wf[i];
        }
        NdArray expected = Filters.correlate1d(x, wd,
                FilterOptions.defaults().withAxis(0).withMode(Mode.WRAP).withOrigin(-1));
        assertSameArray(expected, Npy.read(out));
    }

    @Test
    void convolveWithEvenWeightsAndOrigin() throws IOException {
        NdArray x = sample(DType.F64, Layout.C, 3, 40);
        double[] wd = {1.0, -2.0, 0.5, 3.0};
        Path in = write("in.npy", x);
        Path w = write("w.npy", NdArray.wrap(wd.clone(), wd.length));
        Path out = dir.resolve("out.npy");
        ok("convolve", in.toString(), out.toString(), "--weights", w.toString(), "--mode", "mirror", "--origin", "1");
        NdArray expected = Filters.convolve1d(x, wd, FilterOptions.defaults().withMode(Mode.MIRROR).withOrigin(1));
        assertSameArray(expected, Npy.read(out));
        // convolve is not correlate: the same arguments to correlate give something else
        Path out2 = dir.resolve("out2.npy");
        ok("correlate", in.toString(), out2.toString(), "--weights", w.toString(), "--mode", "mirror", "--origin", "1");
        assertFalse(java.util.Arrays.equals(Npy.read(out).toDoubleArray(), Npy.read(out2).toDoubleArray()));
    }

    @Test
    void float32FortranOrderedInputKeepsDtypeAndShape() throws IOException {
        NdArray x = sample(DType.F32, Layout.F, 9, 14);
        Path in = write("in.npy", x);
        Path out = dir.resolve("out.npy");
        ok("gaussian", in.toString(), out.toString(), "--sigma", "1.2", "--axis", "0", "--mode", "constant",
                "--cval", "-3");
        NdArray expected = Filters.gaussian1d(x, 1.2,
                FilterOptions.defaults().withAxis(0).withMode(Mode.CONSTANT).withCval(-3));
        assertSameArray(expected, Npy.read(out));
    }

    @Test
    void outputMayBeTheInput() throws IOException {
        NdArray x = sample(DType.F64, Layout.C, 5, 31);
        Path in = write("data.npy", x);
        ok("gaussian", in.toString(), in.toString(), "--sigma", "3");
        assertSameArray(Filters.gaussian1d(x, 3), Npy.read(in));
        assertEquals(List.of("data.npy"), NpyFiles.names(dir));
    }

    @Test
    void anExistingOutputIsReplaced() throws IOException {
        NdArray x = sample(DType.F64, Layout.C, 2, 20);
        Path in = write("in.npy", x);
        Path out = write("out.npy", sample(DType.F32, Layout.C, 7, 7)); // other dtype and shape
        ok("gaussian", in.toString(), out.toString(), "--sigma", "1");
        assertSameArray(Filters.gaussian1d(x, 1), Npy.read(out));
    }

    @Test
    void relativePathsWork() throws IOException {
        // OUT without a directory part resolves against the working directory; its parent is still found.
        NdArray x = sample(DType.F64, Layout.C, 2, 11);
        Path in = write("in.npy", x);
        Path cwd = Path.of("").toAbsolutePath();
        Path relOut = cwd.relativize(dir.resolve("out.npy"));
        ok("gaussian", cwd.relativize(in).toString(), relOut.toString(), "--sigma", "1");
        assertSameArray(Filters.gaussian1d(x, 1), Npy.read(dir.resolve("out.npy")));
    }

    static Stream<String> backendNames() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest
    @MethodSource("backendNames")
    void everyAvailableBackendCanBeChosen(String backend) throws IOException {
        NdArray x = sample(DType.F64, Layout.C, 4, 45);
        Path in = write("in.npy", x);
        Path out = dir.resolve("out.npy");
        ok("gaussian", in.toString(), out.toString(), "--sigma", "2", "--backend", backend, "--threads", "2");
        assertSameArray(Filters.gaussian1d(x, 2, FilterOptions.defaults().withBackend(backend).withThreads(2)),
                Npy.read(out));
    }

    @Test
    void emptyArrayGivesEmptyOutput() throws IOException {
        NdArray x = NdArray.allocate(DType.F64, Arena.ofAuto(), 0, 5);
        Path in = write("in.npy", x);
        Path out = dir.resolve("out.npy");
        ok("gaussian", in.toString(), out.toString(), "--sigma", "2");
        NdArray y = Npy.read(out);
        assertArrayEquals(new long[] {0, 5}, y.shape());
        assertEquals(DType.F64, y.dtype());
        assertEquals(0L, y.size());
        assertEquals(List.of("in.npy", "out.npy"), NpyFiles.names(dir));
        assertFalse(Files.isDirectory(out));
    }
}
