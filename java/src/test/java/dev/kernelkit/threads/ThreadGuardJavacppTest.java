package dev.kernelkit.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenBLAS loaded through JavaCPP's preset is found, described and limited like a system OpenBLAS. The preset maps
 * two copies of the library ({@code libopenblas_nolapack.so.0} and {@code libopenblas.so.0}, each with its own
 * thread pool), so both are listed and both are limited.
 */
class ThreadGuardJavacppTest {
    @BeforeAll
    static void load() {
        Loader.load(openblas.class);
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
}
