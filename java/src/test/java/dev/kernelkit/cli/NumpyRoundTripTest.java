package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end with NumPy and SciPy: files NumPy wrote (float32 Fortran order, float64 3-D, format 2.0) go through
 * the CLI, NumPy loads what the CLI wrote, and SciPy's result is the reference (float64 within 1e-12 of
 * max|expected|, float32 within 1e-5). Skipped when /usr/bin/python3 with numpy and scipy is missing.
 */
class NumpyRoundTripTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsScipy() throws InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
        assumeTrue(python(Path.of("."), "import numpy, scipy.ndimage").exit == 0, "numpy/scipy not installed");
    }

    private record Result(int exit, String output) {
    }

    private static Result python(Path cwd, String script) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", script).directory(cwd.toFile()).redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
    }

    /** Inputs written by NumPy; the weights are float32 on purpose (the CLI widens them to double). */
    private static final String MAKE_INPUTS = """
            import numpy as np
            rng = np.random.default_rng(20240601)
            np.save('f32_fortran.npy', np.asfortranarray(rng.standard_normal((7, 40)).astype(np.float32)))
            np.save('f64_3d.npy', rng.standard_normal((3, 4, 25)))
            np.save('short.npy', rng.standard_normal((3, 4)))
            np.save('w5.npy', np.array([0.5, -1.25, 2.0, 0.75, 0.125], dtype=np.float32))
            np.save('w4.npy', np.array([1.0, -2.0, 0.5, 3.0]))
            with open('v2.npy', 'wb') as f:
                np.lib.format.write_array(f, rng.standard_normal((5, 30)), version=(2, 0))
            np.save('v2_orig.npy', np.load('v2.npy'))
            """;

    /** Each check: output, SciPy expression computing the reference from the NumPy-written inputs. */
    private static final String CHECK = """
            import numpy as np, scipy.ndimage as nd
            load = np.load
            w5 = load('w5.npy').astype(np.float64)
            checks = [
              ('g1.npy', nd.gaussian_filter1d(load('f32_fortran.npy'), 1.5, axis=0, order=1, mode='mirror')),
              ('g2.npy', nd.gaussian_filter1d(load('f64_3d.npy'), 2.0, axis=1, mode='constant', cval=0.5,
                                              truncate=3.0)),
              ('g3.npy', nd.gaussian_filter1d(load('short.npy'), 5.0)),
              ('c1.npy', nd.correlate1d(load('f64_3d.npy'), w5, axis=-1, mode='wrap', origin=1)),
              ('c2.npy', nd.convolve1d(load('f32_fortran.npy'), load('w4.npy'), axis=1, mode='nearest', origin=-2)),
              ('v2.npy', nd.gaussian_filter1d(load('v2_orig.npy'), 3.0, order=2, mode='grid-wrap')),
            ]
            for name, expected in checks:
                got = np.load(name)
                assert got.dtype == expected.dtype, (name, got.dtype, expected.dtype)
                assert got.shape == expected.shape, (name, got.shape, expected.shape)
                tol = (1e-12 if got.dtype == np.float64 else 1e-5) * max(np.abs(expected).max(), 1e-300)
                err = np.abs(got.astype(np.float64) - expected.astype(np.float64)).max()
                assert err <= tol, (name, err, tol)
            print('ok', len(checks))
            """;

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void numpyFilesThroughTheCliMatchScipy(String backend) throws InterruptedException {
        Result made = python(dir, MAKE_INPUTS);
        assertEquals(0, made.exit, made.output);
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"gaussian", "f32_fortran.npy", "g1.npy", "--sigma", "1.5", "--axis", "0",
                "--order", "1", "--mode", "mirror"});
        commands.add(new String[] {"gaussian", "f64_3d.npy", "g2.npy", "--sigma", "2", "--axis", "1", "--mode",
                "constant", "--cval", "0.5", "--truncate", "3"});
        commands.add(new String[] {"gaussian", "short.npy", "g3.npy", "--sigma", "5"});
        commands.add(new String[] {"correlate", "f64_3d.npy", "c1.npy", "--weights", "w5.npy", "--mode", "wrap",
                "--origin", "1"});
        commands.add(new String[] {"convolve", "f32_fortran.npy", "c2.npy", "--weights", "w4.npy", "--axis", "1",
                "--mode", "nearest", "--origin", "-2"});
        commands.add(new String[] {"gaussian", "v2.npy", "v2.npy", "--sigma", "3", "--order", "2", "--mode",
                "grid-wrap"}); // in place, on a format 2.0 file
        for (String[] c : commands) {
            String[] args = Stream.concat(Arrays.stream(c), Stream.of("--backend", backend)).toArray(String[]::new);
            for (int i = 1; i < args.length; i++) {
                if (args[i].endsWith(".npy")) {
                    args[i] = dir.resolve(args[i]).toString();
                }
            }
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exit(), () -> String.join(" ", c) + "\n" + r);
        }
        Result checked = python(dir, CHECK);
        assertEquals(0, checked.exit, checked.output);
        assertEquals("ok 6", checked.output.strip());
    }
}
