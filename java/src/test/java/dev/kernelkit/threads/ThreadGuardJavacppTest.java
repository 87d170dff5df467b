package dev.kernelkit.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenBLAS loaded through JavaCPP's preset is found, described and limited like a system OpenBLAS. The preset maps
 * two copies of the library ({@code libopenblas_nolapack.so.0} and {@code libopenblas.so.0}, each with its own
 * thread pool), so both are listed and both are limited; {@link ThreadGuard#poolRunning} tells which one a call of
 * the preset's JNI library runs in.
 */
class ThreadGuardJavacppTest {
    /** The JNI library through which openblas.cblas_dgemm etc. are called. */
    private static String jni;

    @BeforeAll
    static void load() {
        jni = Loader.load(openblas.class);
    }

    private static List<NativePool> openblasPools() {
        return ThreadGuard.info().stream().filter(p -> p.internalApi().equals("openblas")).toList();
    }

    @Test
    void infoListsJavacppsOpenblasAndLimitsIt() {
        List<NativePool> pools = openblasPools();
        assertFalse(pools.isEmpty(), ThreadGuard.table(ThreadGuard.info()));
        for (NativePool p : pools) {
            assertEquals("blas", p.api());
            assertTrue(p.path().contains("javacpp") || p.path().contains("bytedeco"), p.path());
            assertTrue(p.version() != null && p.version().startsWith("0.3."), p.toString());
            assertTrue(p.numThreads() >= 1, p.toString());
        }
        List<Integer> before = pools.stream().map(NativePool::numThreads).toList();
        try (ThreadLimit limit = ThreadGuard.limitBlas(1)) {
            assertEquals(pools.stream().map(NativePool::path).toList(), limit.libraries());
            openblasPools().forEach(p -> assertEquals(1, p.numThreads(), p.toString()));
        }
        assertEquals(before, openblasPools().stream().map(NativePool::numThreads).toList());
    }

    @Test
    void theBudgetsBlasScopeLimitsOpenblasToTheLease() {
        List<Integer> before = openblasPools().stream().map(NativePool::numThreads).toList();
        try (ThreadBudget.BlasScope scope = ThreadBudget.blas()) {
            assertTrue(scope.lease().threads() >= 1);
            openblasPools().forEach(p -> assertEquals(scope.lease().threads(), p.numThreads(), p.toString()));
            assertEquals(scope.lease().threads(), ThreadBudget.global().inFlight());
        }
        assertEquals(before, openblasPools().stream().map(NativePool::numThreads).toList());
        assertEquals(0, ThreadBudget.global().inFlight());
    }

    @Test
    void theGemmsPoolIsOneOfTheLoadedCopiesAndIsLimitedAlone() {
        BoundPool pool = ThreadGuard.poolRunning("cblas_dgemm", jni).orElseThrow();
        assertEquals(pool.path(), ThreadGuard.poolRunning("cblas_sgemm", jni).orElseThrow().path());
        List<String> paths = openblasPools().stream().map(NativePool::path).toList();
        assertTrue(paths.contains(pool.path()), pool.path() + " in " + paths);
        try (ThreadLimit outer = ThreadGuard.limitBlas(3)) {
            try (ThreadLimit one = pool.limit(1)) {
                assertEquals(List.of(pool.path()), one.libraries());
                for (NativePool p : openblasPools()) {
                    assertEquals(p.path().equals(pool.path()) ? 1 : 3, p.numThreads(), p.toString());
                }
            }
            openblasPools().forEach(p -> assertEquals(3, p.numThreads(), p.toString()));
            try (ThreadLimit again = pool.limit(2)) {
                assertEquals(2, pool.threads(), "the pool stays usable after a scope closed");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> pool.limit(0));
    }

    @Test
    void anUnknownSymbolHasNoPool() {
        assertTrue(ThreadGuard.poolRunning("kernelkit_no_such_symbol", jni).isEmpty());
        assertTrue(ThreadGuard.poolRunning("malloc", jni).isEmpty(), "libc is not a thread pool");
    }
}
