package dev.kernelkit;

import dev.kernelkit.threads.ThreadBudget;
import java.util.function.IntConsumer;

/**
 * The one place where a filter call's thread count is decided. Every backend call of {@link Filters} (and of the
 * other filter entry points) runs through {@link #run}, so the process-wide thread budget applies to all of them.
 */
final class ThreadedCall {
    private ThreadedCall() {
    }

    /** Largest thread count accepted for one call. */
    static final int MAX_THREADS = 1024;

    /** Checks a requested thread count: 0 (the default) or 1..{@link #MAX_THREADS}. */
    static void checkThreads(int requested) {
        if (requested < 0 || requested > MAX_THREADS) {
            throw new IllegalArgumentException("threads: " + requested + " is out of range (allowed 0.." + MAX_THREADS
                    + ", 0 = all available cores)");
        }
    }

    /**
     * Runs {@code work} with the number of native threads for one call: {@code requested} when it is explicit
     * (&gt; 0), else a share of the cores available to the JVM among the Java threads calling kernelkit now or
     * within the last second ({@link ThreadBudget}).
     */
    static void run(int requested, IntConsumer work) {
        checkThreads(requested);
        // The process-wide budget: a default request gets a share of the cores among the calls in flight, an
        // explicit one is honoured and counted; the lease returns its threads when the call ends, also on failure.
        try (var lease = ThreadBudget.global().acquire(requested)) {
            work.accept(lease.threads());
        }
    }
}
