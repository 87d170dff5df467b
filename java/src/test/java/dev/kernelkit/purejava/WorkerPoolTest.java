package dev.kernelkit.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyUnitRunsExactlyOnceOnSeveralThreads() {
        AtomicLongArray seen = new AtomicLongArray(1000);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        String caller = Thread.currentThread().getName();
        WorkerPool.shared().run(3, 1000, (from, to, scratch) -> {
            threadNames.add(Thread.currentThread().getName());
            for (long u = from; u < to; u++) {
                seen.incrementAndGet((int) u);
            }
            // Hold each batch until the caller and a pool thread have both taken one, so which thread is quicker to
            // start on a loaded machine cannot decide the test (bounded: a pool that never helps fails below).
            awaitUpTo30s(() -> threadNames.contains(caller)
                    && threadNames.stream().anyMatch(n -> n.startsWith("kernelkit-java-")));
        });
        for (int u = 0; u < 1000; u++) {
            assertEquals(1, seen.get(u), "unit " + u);
        }
        assertTrue(threadNames.contains(Thread.currentThread().getName()), "the caller works too");
        assertTrue(threadNames.stream().anyMatch(n -> n.startsWith("kernelkit-java-")), "pool threads help");
    }

    @Test
    void aWorkersExceptionReachesTheCallerAndThePoolKeepsWorking() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                WorkerPool.shared().run(4, 400, (from, to, scratch) -> {
                    sleepAWhile();
                    if (from <= 333 && 333 < to) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        AtomicLongArray seen = new AtomicLongArray(50);
        WorkerPool.shared().run(4, 50, (from, to, scratch) -> {
            for (long u = from; u < to; u++) {
                seen.incrementAndGet((int) u);
            }
        });
        for (int u = 0; u < 50; u++) {
            assertEquals(1, seen.get(u));
        }
    }

    @Test
    void concurrentCallsShareThePool() throws Exception {
        Thread[] callers = new Thread[4];
        AtomicLongArray totals = new AtomicLongArray(callers.length);
        for (int c = 0; c < callers.length; c++) {
            int id = c;
            callers[c] = new Thread(() -> WorkerPool.shared().run(3, 200, (from, to, scratch) -> {
                totals.addAndGet(id, to - from);
                sleepAWhile();
            }));
            callers[c].start();
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        for (int c = 0; c < callers.length; c++) {
            assertEquals(200, totals.get(c), "caller " + c);
        }
    }

    private static void awaitUpTo30s(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleepAWhile();
        }
    }

    private static void sleepAWhile() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
