package dev.kernelkit.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import dev.kernelkit.cli.Main;
import dev.kernelkit.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with shm:NAME arrays, in this JVM (no workers; see WorkerProcessesTest for --processes). */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SharedMemoryCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static NdArray randomArray(DType dtype, long seed, long... shape) {
        NdArray a = NdArray.allocate(dtype, shape);
        Random r = new Random(seed);
        double[] v = new double[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        a.copyFrom(NdArray.wrap(v, shape));
        return a;
    }

    static NdArray expectedGaussian(NdArray in, double sigma, int axis) {
        NdArray out = in.zerosLike();
        Filters.gaussian1d(in, out, sigma, FilterOptions.defaults().withAxis(axis));
        return out;
    }

    @Test
    void inPlaceOnASegment() throws Exception {
        String name = ShmTesting.uniqueName("cli_inplace");
        NdArray input = randomArray(DType.F64, 1, 6, 300);
        try (SharedSegment s = SharedNpy.create(name, DType.F64, 6, 300)) {
            SharedNpy.array(s).copyFrom(input);
            Run r = cli("gaussian", "shm:" + name, "shm:" + name, "--sigma", "4");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.err());
            assertArrayEquals(expectedGaussian(input, 4, -1).toDoubleArray(), SharedNpy.array(s).toDoubleArray());
        }
    }

    @Test
    void fileToNewSegmentStaysForTheCallerAndBack() throws Exception {
        String name = ShmTesting.uniqueName("cli_out");
        NdArray input = randomArray(DType.F32, 2, 50, 7);
        Path in = dir.resolve("in.npy");
        Npy.write(in, input);
        try {
            Run r = cli("gaussian", in.toString(), "shm:" + name, "--sigma", "2", "--axis", "0");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(SharedSegment.exists(name), "the output segment belongs to the caller after the CLI exits");
            try (SharedSegment s = SharedSegment.open(name)) {
                NdArray got = SharedNpy.array(s);
                assertEquals(DType.F32, got.dtype());
                assertArrayEquals(expectedGaussian(input, 2, 0).toFloatArray(), got.toFloatArray());
            }
            Path back = dir.resolve("back.npy");
            r = cli("gaussian", "shm:" + name, back.toString(), "--sigma", "3");
            assertEquals(0, r.exit(), r.toString());
            NdArray filteredTwice = expectedGaussian(expectedGaussian(input, 2, 0), 3, -1);
            assertArrayEquals(filteredTwice.toFloatArray(), Npy.read(back).toFloatArray());
        } finally {
            ShmTesting.unlinkIfExists(name);
        }
    }

    @Test
    void badShmArgumentsExitTwoWithOneLine() throws Exception {
        String missing = ShmTesting.uniqueName("cli_missing");
        Run r = cli("gaussian", "shm:" + missing, "shm:" + missing, "--sigma", "2");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("kernelkit gaussian: input shm:" + missing + ": no shared memory segment named '" + missing
                + "'\n", r.err());

        String name = ShmTesting.uniqueName("cli_taken");
        Path in = dir.resolve("in.npy");
        Npy.write(in, randomArray(DType.F64, 3, 10));
        try (SharedSegment taken = SharedSegment.create(name, 10)) {
            r = cli("gaussian", in.toString(), "shm:" + name, "--sigma", "2");
            assertEquals(2, r.exit(), r.toString());
            assertEquals("kernelkit gaussian: output shm:" + name + ": a shared memory segment named '" + name
                    + "' already exists (choose a new name, or the input's name to filter in place)\n", r.err());
            r = cli("gaussian", "shm:" + name, "shm:" + name, "--sigma", "2");
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().startsWith("kernelkit gaussian: shared memory segment '" + name
                    + "': not an .npy file"), r.err());
            assertTrue(SharedSegment.exists(taken.name()), "a failed run must not remove a segment it did not create");
        }
        r = cli("gaussian", in.toString(), "shm:a/b", "--sigma", "2");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("'a/b' is not a valid shared memory name"), r.err());
        r = cli("gaussian", in.toString(), dir.resolve("o.npy").toString(), "--sigma", "2", "--processes", "0");
        assertEquals("kernelkit gaussian: --processes: 0 must be >= 1\n", r.err());
        assertFalse(dir.resolve("o.npy").toFile().exists());
    }
}
