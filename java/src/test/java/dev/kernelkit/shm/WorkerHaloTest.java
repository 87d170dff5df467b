package dev.kernelkit.shm;

import static dev.kernelkit.shm.SharedMemoryCliTest.cli;
import static dev.kernelkit.shm.SharedMemoryCliTest.randomArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Method;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import dev.kernelkit.parallel.Block;
import dev.kernelkit.parallel.BlockPlan;
import dev.kernelkit.parallel.Reach;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --processes N} split along the filtered axis (1-D arrays, fewer lines than processes): blocks with halos,
 * filtered in place by worker JVMs, equal bit for bit to one process with method direct.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class WorkerHaloTest {
    @TempDir
    Path dir;

    @Test
    void planSplitsAcrossTheFilteredAxisWhenItCanAndAlongItWhenThatMakesMoreBlocks() {
        Reach r = new Reach(3, 3);
        assertEquals(1, WorkerBlocks.plan(new long[] {4, 10, 100}, 2, r, Mode.REFLECT, 2).axis(), "the longest other");
        assertEquals(0, WorkerBlocks.plan(new long[] {3, 1000}, 1, r, Mode.REFLECT, 3).axis(), "enough lines");
        BlockPlan fewLines = WorkerBlocks.plan(new long[] {2, 1000}, 1, r, Mode.REFLECT, 3);
        assertEquals(1, fewLines.axis(), "fewer lines than processes: along the filtered axis");
        assertEquals(3, fewLines.blocks().size());
        BlockPlan oneD = WorkerBlocks.plan(new long[] {100}, 0, r, Mode.WRAP, 4);
        assertEquals(4, oneD.blocks().size());
        assertEquals(new Block(0, 4, 0, 100, 0, 25, -3, 28, true), oneD.blocks().get(0));
        assertEquals(1, WorkerBlocks.plan(new long[] {100}, 0, new Reach(60, 60), Mode.REFLECT, 4).blocks().size(),
                "too short for two blocks of at least the reach");
        BlockPlan unknownReach = WorkerBlocks.plan(new long[] {2, 1000}, 1, null, Mode.REFLECT, 3);
        assertEquals(0, unknownReach.axis());
        assertEquals(2, unknownReach.blocks().size());
        assertEquals(1, WorkerBlocks.plan(new long[] {100}, 0, null, Mode.REFLECT, 3).blocks().size());
        for (Block b : List.of(oneD.blocks().get(0), oneD.blocks().get(2), fewLines.blocks().get(1))) {
            assertEquals(b, WorkerBlocks.parse(WorkerBlocks.format(b)));
        }
        assertEquals("block 1 of 4 (axis 0, [0, 25), reads [-3, 28) wrapped)", WorkerBlocks.describe(
                oneD.blocks().get(0)));
        for (String bad : new String[] {"0/2:0:10:0:5:0:8", "0/2:0:10:0:5:0:8:yes", "0/2:0:10:0:x:0:8:false"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> WorkerBlocks.parse(bad));
            assertTrue(e.getMessage().startsWith("block: '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void everyModeOneAndTwoDimensionsTwoAndThreeProcessesEqualOneProcessBitForBit() throws Exception {
        List<String> modes = new ArrayList<>();
        for (Mode m : Mode.values()) {
            modes.add(m.scipyName());
        }
        modes.add("wrap"); // wrap's end blocks gather the far end of the line: both counts in both layouts
        for (int i = 0; i < modes.size(); i++) {
            int n = 2 + i % 2;
            String mode = modes.get(i);
            check(randomArray(DType.F64, 20 + i, 3001), 0, n, mode);
            check(randomArray(DType.F64, 40 + i, 1200, n - 1), 0, n, mode); // fewer (strided) lines than workers
        }
        check(randomArray(DType.F64, 60, 2, 2500), 1, 3, "wrap");
    }

    @Test
    void correlateAndConvolveWithOriginsAndFloat32() throws Exception {
        double[] weights = {0.5, -1, 2, 0.25, 3, -0.75};
        Path w = dir.resolve("w.npy");
        Npy.write(w, NdArray.wrap(weights, weights.length));
        NdArray input = randomArray(DType.F32, 70, 1, 2000);
        for (String[] commandMode : new String[][] {{"correlate", "wrap"}, {"convolve", "wrap"},
                {"correlate", "mirror"}, {"convolve", "constant"}}) {
            String command = commandMode[0];
            String mode = commandMode[1];
            NdArray expected = input.zerosLike();
            FilterOptions o = FilterOptions.defaults().withMode(mode).withCval(1.5).withOrigin(-2)
                    .withMethod(Method.DIRECT);
            if (command.equals("correlate")) {
                Filters.correlate1d(input, expected, weights, o);
            } else {
                Filters.convolve1d(input, expected, weights, o);
            }
            NdArray got = runInPlace(input, 3, command, "--weights", w.toString(), "--origin", "-2", "--mode", mode,
                    "--cval", "1.5");
            assertArrayEquals(expected.toFloatArray(), got.toFloatArray(), command + " " + mode);
        }
    }

    @Test
    void methodFftIsWithinTheFftToleranceOfOneProcess() throws Exception {
        // A block's FFT sees its window, not the whole line: other rounding, same result within tolerance.
        NdArray input = randomArray(DType.F64, 75, 20000);
        NdArray got = runInPlace(input, 3, "--method", "fft", "gaussian", "--sigma", "40", "--mode", "wrap");
        NdArray expected = input.zerosLike();
        Filters.gaussian1d(input, expected, 40, FilterOptions.defaults().withMode(Mode.WRAP).withMethod(Method.DIRECT));
        double scale = 0;
        for (double v : input.toDoubleArray()) {
            scale = Math.max(scale, Math.abs(v)); // >= sum |w| |x| for weights summing to 1
        }
        assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray(), 1e-12 * scale);
    }

    @Test
    void aWorkerThatReadsLateStillReadsUnfilteredHalos() throws Exception {
        // Without the read-before-write handshake, worker 2 would write its block (worker 1's right halo) while
        // worker 1 still waits to read it.
        NdArray input = randomArray(DType.F64, 80, 4000);
        NdArray got = ShmTesting.withProperty(WorkerTestHooks.PAUSE, "0:1500", () -> {
            try {
                return runInPlace(input, 2, "gaussian", "--sigma", "30");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertArrayEquals(expected(input, 30, 0, "reflect").toDoubleArray(), got.toDoubleArray());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aHungWorkerDoesNotLeaveItsNeighboursWaitingForTheRelease() throws Exception {
        // Worker 1 reports its read, then hangs before the release: worker 2 waits for a release that never comes.
        Set<String> before = ShmTesting.devShmNames();
        Path in = dir.resolve("in.npy");
        Npy.write(in, randomArray(DType.F64, 90, 3000));
        var r = ShmTesting.withProperty(WorkerTestHooks.HANG, "0", () -> cli("gaussian", in.toString(),
                dir.resolve("out.npy").toString(), "--sigma", "5", "--processes", "2", "--worker-timeout", "1.5"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().matches("(?s).*worker for block 1 of 2 \\(axis 0, \\[0, 1500\\), reads \\[0, 1520\\)\\) "
                + "hung: no progress or heartbeat for 1.5 s.*"), r.err());
        ShmTesting.assertNothingLeftBehind(before, dir, in);
    }

    private void check(NdArray input, int axis, int processes, String mode) throws Exception {
        NdArray got = runInPlace(input, processes, "gaussian", "--sigma", "12", "--axis", Integer.toString(axis),
                "--mode", mode, "--cval", "0.5");
        assertArrayEquals(expected(input, 12, axis, mode).toDoubleArray(), got.toDoubleArray(),
                mode + ", shape " + java.util.Arrays.toString(input.shape()) + ", " + processes + " processes");
    }

    private static NdArray expected(NdArray input, double sigma, int axis, String mode) {
        NdArray out = input.zerosLike();
        Filters.gaussian1d(input, out, sigma, FilterOptions.defaults().withAxis(axis).withMode(mode).withCval(0.5)
                .withMethod(Method.DIRECT));
        return out;
    }

    /**
     * The CLI with {@code processes} workers on a segment holding {@code input}, in place, with method direct unless
     * the command starts with {@code --method M}; the filtered copy.
     */
    private static NdArray runInPlace(NdArray input, int processes, String... command) throws Exception {
        String method = "direct";
        if (command[0].equals("--method")) {
            method = command[1];
            command = java.util.Arrays.copyOfRange(command, 2, command.length);
        }
        String name = ShmTesting.uniqueName("halo");
        try (SharedSegment s = SharedNpy.create(name, input.dtype(), input.shape())) {
            SharedNpy.array(s).copyFrom(input);
            List<String> args = new ArrayList<>(List.of(command[0], "shm:" + name, "shm:" + name));
            args.addAll(List.of(command).subList(1, command.length));
            args.addAll(List.of("--processes", Integer.toString(processes), "--method", method));
            var r = cli(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.err().contains(", reads ["), "blocks along the filtered axis, with halos: " + r.err());
            return SharedNpy.array(s).copy();
        }
    }
}
