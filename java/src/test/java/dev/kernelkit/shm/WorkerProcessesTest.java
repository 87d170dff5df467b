package dev.kernelkit.shm;

import static dev.kernelkit.shm.SharedMemoryCliTest.cli;
import static dev.kernelkit.shm.SharedMemoryCliTest.expectedGaussian;
import static dev.kernelkit.shm.SharedMemoryCliTest.randomArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code --processes N}: worker JVMs filtering blocks of one segment in place. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class WorkerProcessesTest {
    @TempDir
    Path dir;

    @Test
    void workerEnvironmentKeepsThreadsWithinCores() {
        assertEquals(1, WorkerEnvironment.threadsPerWorker(4, 2));
        assertEquals(4, WorkerEnvironment.threadsPerWorker(2, 8));
        assertEquals(2, WorkerEnvironment.threadsPerWorker(1, 2));
        Map<String, String> env = new HashMap<>();
        int threads = WorkerEnvironment.apply(env, Runtime.getRuntime().availableProcessors() * 2);
        assertEquals(1, threads);
        for (String v : WorkerEnvironment.THREAD_VARIABLES) {
            assertEquals("1", env.get(v), v);
        }
    }

    @Test
    void workersInPlaceEqualOneProcessBitForBit() throws Exception {
        String name = ShmTesting.uniqueName("workers");
        NdArray input = randomArray(DType.F64, 7, 5, 3, 400);
        NdArray expected = expectedGaussian(input, 12, 1);
        try (SharedSegment s = SharedNpy.create(name, DType.F64, 5, 3, 400)) {
            for (String processes : new String[] {"2", "3"}) {
                SharedNpy.array(s).copyFrom(input);
                var r = cli("gaussian", "shm:" + name, "shm:" + name, "--sigma", "12", "--axis", "1",
                        "--processes", processes);
                assertEquals(0, r.exit(), r.toString());
                assertArrayEquals(expected.toDoubleArray(), SharedNpy.array(s).toDoubleArray(), processes);
                assertTrue(r.err().contains("progress 100%: block "), "worker progress reaches the parent: " + r.err());
            }
        }
    }

    @Test
    void workersGetTheCommandsOwnOptions() throws Exception {
        NdArray input = randomArray(DType.F64, 10, 4, 90);
        double[] weights = {0.5, -1, 2, 0.25};
        Path in = dir.resolve("in.npy");
        Path w = dir.resolve("w.npy");
        Npy.write(in, input);
        Npy.write(w, NdArray.wrap(weights, 4));
        String name = ShmTesting.uniqueName("corr");
        try {
            var r = cli("correlate", in.toString(), "shm:" + name, "--weights", w.toString(), "--mode", "wrap",
                    "--origin", "1", "--processes", "2");
            assertEquals(0, r.exit(), r.toString());
            NdArray expected = input.zerosLike();
            dev.kernelkit.Filters.correlate1d(input, expected, weights,
                    dev.kernelkit.FilterOptions.defaults().withMode(dev.kernelkit.Mode.WRAP).withOrigin(1));
            try (SharedSegment s = SharedSegment.open(name)) {
                assertArrayEquals(expected.toDoubleArray(), SharedNpy.array(s).toDoubleArray());
            }
        } finally {
            ShmTesting.unlinkIfExists(name);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void fileToFileThroughWorkersLeavesNoSegment() throws Exception {
        Set<String> before = ShmTesting.devShmNames();
        NdArray input = randomArray(DType.F32, 8, 9, 250);
        Path in = dir.resolve("in.npy");
        Path out = dir.resolve("out.npy");
        Npy.write(in, input);
        var r = cli("gaussian", in.toString(), out.toString(), "--sigma", "5", "--processes", "2");
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(expectedGaussian(input, 5, -1).toFloatArray(), Npy.read(out).toFloatArray());
        assertEquals(before, ShmTesting.devShmNames());
        try (var files = Files.list(dir)) {
            assertEquals(Set.of(in, out), Set.copyOf(files.toList()), "no temporary file left");
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void killedWorkerIsReportedAndNothingLeaks() throws Exception {
        Set<String> before = ShmTesting.devShmNames();
        Path in = dir.resolve("in.npy");
        Path out = dir.resolve("out.npy");
        Npy.write(in, randomArray(DType.F64, 9, 64, 20000));
        var run = CompletableFuture.supplyAsync(() -> cli("gaussian", in.toString(), out.toString(), "--sigma", "40",
                "--processes", "2"));
        // Kill the first worker JVM as soon as it appears (JVM start-up takes far longer than this poll).
        ProcessHandle victim = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (victim == null && System.nanoTime() < deadline && !run.isDone()) {
            victim = ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--worker-block")).orElse(false))
                    .findFirst().orElse(null);
            Thread.sleep(2);
        }
        assertTrue(victim != null, "no worker process appeared");
        assertTrue(ShmTesting.devShmNames().stream().anyMatch(n -> n.startsWith("kk_tmp_")),
                "while workers run, the temporary segment is visible to the leak check");
        victim.destroyForcibly();
        var r = run.get(60, TimeUnit.SECONDS);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().matches("(?s).*kernelkit gaussian: I/O error: .*worker for block [12] of 2 \\(axis 0, "
                + "\\[\\d+, \\d+\\)\\) failed with exit status 137 \\(killed by signal 9\\).*"), r.err());
        ShmTesting.assertNothingLeftBehind(before, dir, in);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void hungWorkerIsKilledAndReportedAndNothingLeaks() throws Exception {
        Set<String> before = ShmTesting.devShmNames();
        Path in = dir.resolve("in.npy");
        Path out = dir.resolve("out.npy");
        Npy.write(in, randomArray(DType.F64, 11, 6, 500));
        var r = ShmTesting.withProperty(WorkerTestHooks.HANG, "1", () -> cli("gaussian", in.toString(), out.toString(),
                "--sigma", "3", "--processes", "2", "--worker-timeout", "1.5"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().matches("(?s).*kernelkit gaussian: I/O error: .*worker for block 2 of 2 "
                + "\\(axis 0, \\[3, 6\\)\\) hung: no progress or heartbeat for 1.5 s \\(--worker-timeout\\); killed.*"),
                r.err());
        ShmTesting.assertNothingLeftBehind(before, dir, in);
    }

    @Test
    void heartbeatsKeepALongBlockFromCountingAsHung() throws Exception {
        NdArray input = randomArray(DType.F64, 12, 4, 300);
        String name = ShmTesting.uniqueName("slow");
        try (SharedSegment s = SharedNpy.create(name, DType.F64, 4, 300)) {
            SharedNpy.array(s).copyFrom(input);
            // The second worker is silent but for its heartbeats for 2.5 limits after its start-up.
            var r = ShmTesting.withProperty(WorkerTestHooks.PAUSE, "1:5000", () -> cli("gaussian", "shm:" + name,
                    "shm:" + name, "--sigma", "3", "--processes", "2", "--worker-timeout", "2"));
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(expectedGaussian(input, 3, -1).toDoubleArray(), SharedNpy.array(s).toDoubleArray());
        }
    }

    @Test
    void badWorkerTimeoutExitsTwoBeforeAnythingIsCreated() throws Exception {
        Path in = dir.resolve("in.npy");
        Npy.write(in, randomArray(DType.F64, 13, 4, 30));
        for (String bad : new String[] {"-1", "NaN", "1e9"}) {
            var r = cli("gaussian", in.toString(), dir.resolve("o.npy").toString(), "--sigma", "2", "--processes", "2",
                    "--worker-timeout", bad);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().matches("kernelkit gaussian: --worker-timeout: .* must be in \\[0, 604800\\] seconds "
                    + "\\(0: no limit\\)\n"), r.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(Set.of(in), Set.copyOf(files.toList()));
        }
    }
}
