package dev.kernelkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.threads.ThreadBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every filter call's thread count comes from the process-wide budget through {@link ThreadedCall#run}. */
class ThreadedCallBudgetTest {
    private static final int CORES = ThreadBudget.global().cores();

    @Test
    void concurrentFilterCallsShareTheCores() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        NdArray x = NdArray.wrap(new double[4096], 4, 1024);
        for (int c = 0; c < 3 * CORES + 1; c++) {
            callers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        ThreadedCall.run(0, threads -> {
                            peak.accumulateAndGet(running.addAndGet(threads), Math::max);
                            Filters.gaussian1d(x, 2.0); // a real (nested) call under the lease
                            running.addAndGet(-threads);
                        });
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(peak.get() <= CORES, "peak " + peak + " native threads > " + CORES + " cores");
        assertEquals(0, ThreadBudget.global().inFlight());
    }

    @Test
    void explicitCountsAreHonoured() {
        int[] got = new int[1];
        ThreadedCall.run(CORES + 3, threads -> got[0] = threads);
        assertEquals(CORES + 3, got[0]);
        // Alone, the share of the recent concurrency: every core unless other tests' callers ended within the window
        // (their expiry meanwhile only raises the share).
        int recent = Math.max(1, ThreadBudget.global().recentConcurrency());
        ThreadedCall.run(0, threads -> got[0] = threads);
        assertTrue(got[0] >= Math.max(1, CORES / recent) && got[0] <= CORES, got[0] + " of " + CORES + ", k " + recent);
    }

    @Test
    void theLeaseIsReleasedWhenTheBackendThrows() {
        assertThrows(IllegalStateException.class, () -> ThreadedCall.run(0, threads -> {
            throw new IllegalStateException("backend failed");
        }));
        assertEquals(0, ThreadBudget.global().inFlight());
        assertThrows(IllegalArgumentException.class, () -> ThreadedCall.run(-1, threads -> { }));
    }
}
