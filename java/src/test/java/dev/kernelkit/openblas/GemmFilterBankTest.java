package dev.kernelkit.openblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.threads.BoundPool;
import dev.kernelkit.threads.NativePool;
import dev.kernelkit.threads.ThreadGuard;
import dev.kernelkit.threads.ThreadLimit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** OpenBLAS's thread count around GEMM banks (in the pool the GEMMs run in), and GEMM's blocking against direct on lines of every block shape. */
class GemmFilterBankTest {
    private static NdArray ramp(DType dtype, long... shape) {
        NdArray a = NdArray.allocate(dtype, shape);
        double[] v = new double[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(0.37 * i) + 0.01 * (i % 17);
        }
        a.copyFrom(NdArray.wrap(v, shape));
        return a;
    }

    /** The thread counts of the loaded OpenBLAS pools, by path. */
    private static Map<String, Integer> openblasThreads() {
        Map<String, Integer> threads = new TreeMap<>();
        for (NativePool p : ThreadGuard.info()) {
            if (p.internalApi().equals("openblas")) {
                threads.put(p.path(), p.numThreads());
            }
        }
        return threads;
    }

    private static BoundPool gemmPool(DType dtype) {
        assertNull(GemmFilterBank.loadError());
        BoundPool pool = GemmFilterBank.gemmPool(dtype);
        assertNotNull(pool, "the pool cblas_" + (dtype == DType.F64 ? "d" : "s") + "gemm runs in is known");
        return pool;
    }

    @Test
    void theGemmsRunInALoadedOpenblasPool() {
        for (DType dtype : DType.values()) {
            BoundPool pool = gemmPool(dtype);
            assertTrue(openblasThreads().containsKey(pool.path()), pool.path() + " in " + openblasThreads());
            assertEquals(openblasThreads().get(pool.path()), pool.threads());
        }
    }

    @Test
    void aCallSetsTheGemmsPoolToItsThreadsAndRestoresAnOuterLimit() throws Exception {
        BoundPool pool = gemmPool(DType.F64);
        NdArray x = ramp(DType.F64, 64, 4000);
        NdArray out = NdArray.allocate(DType.F64, 64, 4, 4000);
        double[] bank = new double[4 * 64];
        Arrays.fill(bank, 1.0 / 64);
        // Two nested outer scopes: OpenBLAS's setter given a count < 1 falls back to the most threads it has started
        // (4 here), so restoring a meaningless "previous" (such as the preset's -1) cannot pass for restoring 3.
        try (ThreadLimit most = ThreadGuard.limitBlas(4); ThreadLimit outer = ThreadGuard.limitBlas(3)) {
            Map<String, Integer> outside = openblasThreads();
            outside.values().forEach(n -> assertEquals(3, n, outside.toString()));
            AtomicBoolean seen = new AtomicBoolean();
            AtomicInteger calls = new AtomicInteger();
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                // Calls with threads=1 run until the pool is seen at 1 from outside: only a call can have set it.
                Future<?> running = caller.submit(() -> {
                    long end = System.nanoTime() + 20_000_000_000L;
                    while (!seen.get() && System.nanoTime() < end) {
                        GemmFilterBank.apply(x, out, 1, bank, 4, 0, Mode.REFLECT, 0.0, 1);
                        calls.incrementAndGet();
                    }
                });
                Map<String, Integer> during = Map.of();
                while (!running.isDone() && !seen.get()) {
                    during = openblasThreads();
                    seen.set(during.get(pool.path()) == 1);
                }
                running.get();
                assertTrue(seen.get(), "never saw the GEMM pool at 1 thread in " + calls.get() + " calls");
                for (Map.Entry<String, Integer> e : during.entrySet()) {
                    int expected = e.getKey().equals(pool.path()) ? 1 : 3;
                    assertEquals(expected, e.getValue(), "during a call: " + during);
                }
            } finally {
                caller.shutdown();
            }
            assertEquals(outside, openblasThreads(), "the outer limit is restored after the calls");
        }
    }

    @Test
    void aFailingCallRestoresTheCountAndReleasesTheLock() {
        BoundPool pool = gemmPool(DType.F32);
        try (ThreadLimit outer = ThreadGuard.limitBlas(2)) {
            Map<String, Integer> before = openblasThreads();
            NdArray x = ramp(DType.F32, 3, 500);
            NdArray tooShort = NdArray.allocate(DType.F32, 3, 2, 10);
            assertThrows(RuntimeException.class, () -> GemmFilterBank.apply(x, tooShort, 1,
                    new double[] {1, 2, 3, 4, 5, 6}, 2, 0, Mode.REFLECT, 0.0, 1));
            assertEquals(before, openblasThreads(), "restored after the failure");
            assertEquals(2, pool.threads());
            // The lock was released: a call from another thread completes.
            NdArray out = NdArray.allocate(DType.F32, 3, 2, 500);
            assertDoesNotThrow(() -> CompletableFuture.runAsync(() -> GemmFilterBank.apply(x, out, 1,
                    new double[] {1, 2, 3, 4, 5, 6}, 2, 0, Mode.REFLECT, 0.0, 1)).get(60, TimeUnit.SECONDS));
            assertEquals(before, openblasThreads());
        }
    }

    @Test
    void longFiltersAndLongLinesMatchDirect() {
        // K = 700 gives blocks of 187 columns: units of 2048 rows hold several blocks and a partial one.
        double[][] bank = new double[3][700];
        for (int f = 0; f < 3; f++) {
            for (int k = 0; k < 700; k++) {
                bank[f][k] = Math.cos(0.01 * (f + 1) * k) / 700;
            }
        }
        for (DType dtype : DType.values()) {
            NdArray x = ramp(dtype, 2, 5000);
            FilterOptions options = FilterOptions.defaults().withMode("nearest").withOrigin(-100);
            double[] direct = FilterBank.apply(x, bank, options, BankMethod.DIRECT).toDoubleArray();
            double[] gemm = FilterBank.apply(x, bank, options, BankMethod.GEMM).toDoubleArray();
            // |x| <= 1.2 and sum |w| <= 1: the core tolerances times those terms
            assertArrayEquals(direct, gemm, dtype == DType.F64 ? 1e-12 * 1.2 : 1e-5 * 1.2, dtype.numpyName());
        }
    }

    @Test
    void concurrentCallsEachGetTheirOwnThreadCount() throws Exception {
        assertNull(GemmFilterBank.loadError());
        Map<String, Integer> before = openblasThreads();
        double[][] bank = {{0.2, 0.6, 0.2}, {-0.5, 0, 0.5}};
        NdArray x = ramp(DType.F32, 8, 3000);
        double[] expected = FilterBank.apply(x, bank, FilterOptions.defaults(), BankMethod.DIRECT).toDoubleArray();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 1; t <= 8; t++) {
                int threads = 1 + t % 3;
                results.add(pool.submit(() -> FilterBank.apply(x, bank,
                        FilterOptions.defaults().withThreads(threads), BankMethod.GEMM).toDoubleArray()));
            }
            for (Future<double[]> r : results) {
                assertArrayEquals(expected, r.get(), 1e-5);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before, openblasThreads());
    }
}
