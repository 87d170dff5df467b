package dev.kernelkit.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The budget's arithmetic under concurrent callers, explicit requests, nesting and failures. */
class ThreadBudgetTest {
    @Test
    void aLoneDefaultCallGetsEveryCore() {
        ThreadBudget budget = new ThreadBudget(6);
        try (ThreadBudget.Lease lease = budget.acquire(0)) {
            assertEquals(6, lease.threads());
            assertEquals(6, budget.inFlight());
        }
        assertEquals(0, budget.inFlight());
    }

    @Test
    void concurrentDefaultCallersNeverExceedTheCores() throws Exception {
        for (int cores : new int[] {1, 2, 3, 8}) {
            ThreadBudget budget = new ThreadBudget(cores);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            AtomicInteger calls = new AtomicInteger();
            int callers = 12;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        try (ThreadBudget.Lease lease = budget.acquire(0)) {
                            assertTrue(lease.threads() >= 1);
                            peak.accumulateAndGet(running.addAndGet(lease.threads()), Math::max);
                            Thread.onSpinWait();
                            running.addAndGet(-lease.threads());
                            calls.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(callers * 50, calls.get());
            assertTrue(peak.get() <= cores, "peak " + peak + " > cores " + cores);
            assertEquals(0, budget.inFlight());
        }
    }

    @Test
    void explicitRequestsAreHonouredAndCounted() {
        ThreadBudget budget = new ThreadBudget(4);
        try (ThreadBudget.Lease big = budget.acquire(7)) {
            assertEquals(7, big.threads()); // more than the cores: the caller asked for it
            assertEquals(7, budget.inFlight());
        }
        try (ThreadBudget.Lease three = budget.acquire(3)) {
            assertEquals(3, budget.inFlight());
            // Another thread's default call now finds one core free.
            int[] got = new int[1];
            Thread t = Thread.ofPlatform().start(() -> {
                try (ThreadBudget.Lease rest = budget.acquire(0)) {
                    got[0] = rest.threads();
                }
            });
            join(t);
            assertEquals(1, got[0]);
        }
        assertEquals(0, budget.inFlight());
    }

    @Test
    void aDefaultCallWaitsWhileExplicitCallsHoldEveryCore() throws Exception {
        ThreadBudget budget = new ThreadBudget(2);
        ThreadBudget.Lease all = budget.acquire(2);
        CountDownLatch granted = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            try (ThreadBudget.Lease lease = budget.acquire(0)) {
                granted.countDown();
            }
        });
        assertTrue(!granted.await(200, TimeUnit.MILLISECONDS), "granted while no core was free");
        all.close();
        assertTrue(granted.await(10, TimeUnit.SECONDS));
        join(t);
    }

    @Test
    void leasesAreReleasedWhenTheCallFails() {
        ThreadBudget budget = new ThreadBudget(3);
        assertThrows(IllegalStateException.class, () -> {
            try (ThreadBudget.Lease lease = budget.acquire(0)) {
                throw new IllegalStateException("boom");
            }
        });
        assertEquals(0, budget.inFlight());
        try (ThreadBudget.Lease lease = budget.acquire(0)) {
            assertEquals(3, lease.threads());
        }
    }

    @Test
    void nestedCallsReuseTheOuterLease() {
        ThreadBudget budget = new ThreadBudget(2);
        try (ThreadBudget.Lease outer = budget.acquire(0)) {
            try (ThreadBudget.Lease inner = budget.acquire(0)) { // would wait forever if it took new threads
                assertEquals(outer.threads(), inner.threads());
                assertEquals(2, budget.inFlight());
            }
            assertEquals(2, budget.inFlight());
        }
        assertEquals(0, budget.inFlight());
    }

    @Test
    void closingTwiceReleasesOnce() {
        ThreadBudget budget = new ThreadBudget(2);
        ThreadBudget.Lease a = budget.acquire(1);
        a.close();
        a.close();
        assertEquals(0, budget.inFlight());
        assertThrows(IllegalArgumentException.class, () -> budget.acquire(-1));
        assertThrows(IllegalArgumentException.class, () -> new ThreadBudget(0));
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
