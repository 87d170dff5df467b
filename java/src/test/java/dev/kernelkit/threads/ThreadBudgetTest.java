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
import java.util.concurrent.atomic.AtomicLong;
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

    /** A clock the test moves by hand, so the recent-concurrency window is exercised without timing anything. */
    private static final class ManualClock implements java.util.function.LongSupplier {
        private final AtomicLong nanos = new AtomicLong(-5_000_000_000L); // negative: nanoTime may be too

        @Override
        public long getAsLong() {
            return nanos.get();
        }

        void advanceMillis(long millis) {
            nanos.addAndGet(millis * 1_000_000L);
        }
    }

    /** One default call in a thread of its own, returning the threads it was granted. */
    private static int callInOtherThread(ThreadBudget budget) {
        int[] got = new int[1];
        join(Thread.ofPlatform().start(() -> {
            try (ThreadBudget.Lease lease = budget.acquire(0)) {
                got[0] = lease.threads();
            }
        }));
        return got[0];
    }

    @Test
    void callersThatEndedWithinTheWindowStillCount() {
        ManualClock clock = new ManualClock();
        ThreadBudget budget = new ThreadBudget(4, clock);
        // Four callers one after another, never overlapping: by the instant count each would get all 4 cores.
        List<Integer> grants = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            grants.add(callInOtherThread(budget));
            clock.advanceMillis(10);
        }
        assertEquals(List.of(4, 2, 1, 1), grants); // 1, 2, 3 then 4 recent callers (the caller included)
        assertEquals(4, budget.recentConcurrency());
        try (ThreadBudget.Lease lease = budget.acquire(0)) { // a fifth thread: k = 5 -> 4 / 5 -> at least 1
            assertEquals(1, lease.threads());
        }
    }

    @Test
    void callersAgeOutOfTheWindow() {
        ManualClock clock = new ManualClock();
        ThreadBudget budget = new ThreadBudget(6, clock);
        callInOtherThread(budget);
        callInOtherThread(budget);
        clock.advanceMillis(ThreadBudget.RECENT_WINDOW_NANOS / 1_000_000 - 1);
        try (ThreadBudget.Lease lease = budget.acquire(0)) {
            assertEquals(2, lease.threads()); // both still recent: 6 / 3
        }
        clock.advanceMillis(2); // the two others are now older than the window; this thread released just now
        assertEquals(1, budget.recentConcurrency());
        try (ThreadBudget.Lease lease = budget.acquire(0)) {
            assertEquals(6, lease.threads());
        }
    }

    @Test
    void aHolderCountsHoweverLongItsCallRuns() throws Exception {
        ManualClock clock = new ManualClock();
        ThreadBudget budget = new ThreadBudget(4, clock);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try (ThreadBudget.Lease lease = budget.acquire(1)) { // explicit: counted in the concurrency too
                holding.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        clock.advanceMillis(10 * ThreadBudget.RECENT_WINDOW_NANOS / 1_000_000);
        try (ThreadBudget.Lease lease = budget.acquire(0)) {
            assertEquals(2, lease.threads()); // k = 2: 4 / 2, and 3 are free
            assertEquals(2, budget.recentConcurrency());
        } finally {
            done.countDown();
            join(holder);
        }
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
