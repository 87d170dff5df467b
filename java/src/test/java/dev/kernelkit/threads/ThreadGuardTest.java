package dev.kernelkit.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.panama.PanamaBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** ThreadGuard in this JVM, once kernelkit's native library (and its OpenMP runtime) has loaded. */
class ThreadGuardTest {

    private static NativePool kernelkitOpenmp() {
        Assumptions.assumeFalse(Boolean.getBoolean("kernelkit.native.skip"), "native build skipped");
        PanamaBackend panama = new PanamaBackend();
        Assumptions.assumeTrue(panama.hasOpenMP(), "serial build: no OpenMP runtime");
        List<NativePool> openmp = ThreadGuard.info().stream().filter(p -> p.api().equals("openmp")).toList();
        assertEquals(1, openmp.size(), openmp::toString);
        return openmp.get(0);
    }

    @Test
    void listsTheOpenmpRuntimeTheNativeLibraryLinks() throws IOException {
        NativePool omp = kernelkitOpenmp();
        assertEquals("openmp", omp.internalApi());
        String file = Path.of(omp.path()).getFileName().toString();
        assertTrue(file.startsWith("libgomp") || file.startsWith("libomp") || file.startsWith("libiomp5"), file);
        assertTrue(omp.numThreads() >= 1, omp::toString);
        // The loader's list and the kernel's memory map must agree that this file is mapped.
        Path maps = Path.of("/proc/self/maps");
        if (Files.exists(maps)) {
            String mapped = Files.readString(maps, StandardCharsets.UTF_8);
            assertTrue(mapped.contains(Path.of(omp.path()).toRealPath().toString()), omp.path());
        }
    }

    @Test
    @SuppressWarnings("try") // the scope is the point; its body needs no reference to it
    void openmpLimitsNestAndRestoreInOrder() {
        int original = kernelkitOpenmp().numThreads();
        try (ThreadLimit two = ThreadGuard.limitOpenmp(2)) {
            assertEquals(1, two.libraries().size());
            assertEquals(2, kernelkitOpenmp().numThreads());
            try (ThreadLimit one = ThreadGuard.limit(1)) {
                assertEquals(1, kernelkitOpenmp().numThreads());
            }
            assertEquals(2, kernelkitOpenmp().numThreads());
        }
        assertEquals(original, kernelkitOpenmp().numThreads());
    }

    @Test
    @SuppressWarnings("try") // the scope is the point; its body needs no reference to it
    void openmpLimitIsPerCallingThread() throws InterruptedException {
        int original = kernelkitOpenmp().numThreads();
        int limited = original == 1 ? 2 : 1;
        int[] seenElsewhere = new int[1];
        try (ThreadLimit scope = ThreadGuard.limitOpenmp(limited)) {
            Thread other = new Thread(() -> seenElsewhere[0] = kernelkitOpenmp().numThreads());
            other.start();
            other.join();
            assertEquals(limited, kernelkitOpenmp().numThreads());
        }
        // A fresh thread starts from the runtime's default, not from this thread's limit.
        assertEquals(original, seenElsewhere[0]);
    }

    @Test
    void closingAScopeTwiceRestoresOnce() {
        int original = kernelkitOpenmp().numThreads();
        ThreadLimit outer = ThreadGuard.limitOpenmp(3);
        ThreadLimit inner = ThreadGuard.limitOpenmp(1);
        inner.close();
        inner.close();
        assertEquals(3, kernelkitOpenmp().numThreads());
        outer.close();
        assertEquals(original, kernelkitOpenmp().numThreads());
    }

    @Test
    void blasLimitWithoutBlasChangesNothing() {
        Assumptions.assumeTrue(ThreadGuard.info().stream().noneMatch(p -> p.api().equals("blas")), "a BLAS is loaded");
        try (ThreadLimit none = ThreadGuard.limitBlas(1)) {
            assertEquals(List.of(), none.libraries());
        }
    }

    @Test
    void rejectsNonPositiveCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadGuard.limit(0));
        assertEquals("threads must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThreadGuard.configureEnvironment(-1));
        assertThrows(IllegalArgumentException.class,
                () -> ThreadGuard.childEnvironment(new ProcessBuilder("true"), 0));
    }

    @Test
    void rejectsABadSystemPropertyWithoutTouchingTheEnvironment() {
        String before = System.getProperty(ThreadGuard.PROPERTY);
        System.setProperty(ThreadGuard.PROPERTY, "many");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    ThreadGuard::applySystemProperty);
            assertEquals("kernelkit.threads must be a positive integer, got 'many'", e.getMessage());
            System.setProperty(ThreadGuard.PROPERTY, "0");
            e = assertThrows(IllegalArgumentException.class, ThreadGuard::applySystemProperty);
            assertEquals("kernelkit.threads must be >= 1, got 0", e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ThreadGuard.PROPERTY);
            } else {
                System.setProperty(ThreadGuard.PROPERTY, before);
            }
        }
    }

    @Test
    void childEnvironmentReachesAChildProcess() throws IOException, InterruptedException {
        ProcessBuilder b = ThreadGuard.childEnvironment(new ProcessBuilder("/usr/bin/env"), 3);
        Process p = b.redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor());
        for (String name : ThreadGuard.ENVIRONMENT_VARIABLES) {
            assertTrue(lines.contains(name + "=3"), name + " in " + lines);
        }
    }

    @Test
    void tableShowsEveryField() {
        NativePool p = new NativePool("/lib/libx \"q\".so", "blas", "openblas", "0.3.21", 4, "pthreads");
        NativePool omp = new NativePool("/l/libgomp.so.1", "openmp", "openmp", null, 2, null);
        assertEquals("""
                API     INTERNAL_API  THREADS  VERSION  THREADING  PATH
                blas    openblas      4        0.3.21   pthreads   /lib/libx "q".so
                openmp  openmp        2        -        -          /l/libgomp.so.1
                """, ThreadGuard.table(List.of(p, omp)));
        assertEquals("no native thread pools loaded\n", ThreadGuard.table(List.of()));
    }

    @Test
    void recognisesPoolLibrariesByFileName() {
        assertEquals(PoolKind.OPENMP, PoolKind.ofFile("/usr/lib/x86_64-linux-gnu/libgomp.so.1"));
        assertEquals(PoolKind.OPENMP, PoolKind.ofFile("/usr/lib/llvm-14/lib/libomp.so.5"));
        assertEquals(PoolKind.OPENMP, PoolKind.ofFile("/opt/intel/libiomp5.so"));
        assertEquals(PoolKind.OPENBLAS, PoolKind.ofFile("/usr/lib/openblas-pthread/libopenblasp-r0.3.21.so"));
        assertEquals(PoolKind.MKL, PoolKind.ofFile("/opt/intel/libmkl_rt.so.2"));
        assertEquals(PoolKind.BLIS, PoolKind.ofFile("/usr/lib/libblis.so.4"));
        assertEquals(null, PoolKind.ofFile("/usr/lib/libomptarget.so"));
        assertEquals(null, PoolKind.ofFile("/usr/lib/libm.so.6"));
    }
}
