package dev.kernelkit.shm;

import dev.kernelkit.threads.ThreadGuard;
import java.util.List;
import java.util.Map;

/**
 * The environment and thread count of worker processes, chosen so that processes × native threads stays within the
 * cores: each worker gets {@code max(1, cores / processes)} threads for its kernels, and the usual thread-pool
 * variables (OpenMP, OpenBLAS, MKL, Accelerate, numexpr) are set to the same number so that no library a worker loads
 * starts a pool of its own size. With more processes than cores each worker still gets one thread, so the product
 * then exceeds the cores by the user's choice of N.
 *
 * <p>This is the one place where worker processes get their thread budget; the variables are the thread guard's
 * ({@link ThreadGuard#ENVIRONMENT_VARIABLES}, as {@link ThreadGuard#childEnvironment} sets them).
 */
public final class WorkerEnvironment {
    /** The variables native thread pools read at start-up. */
    public static final List<String> THREAD_VARIABLES = ThreadGuard.ENVIRONMENT_VARIABLES;

    private WorkerEnvironment() {
    }

    /** Threads each of {@code processes} workers may use on {@code cores} cores (at least 1). */
    public static int threadsPerWorker(int processes, int cores) {
        return Math.max(1, cores / Math.max(1, processes));
    }

    /** Sets the thread variables in a worker's environment; returns the per-worker thread count. */
    public static int apply(Map<String, String> environment, int processes) {
        int threads = threadsPerWorker(processes, Runtime.getRuntime().availableProcessors());
        for (String variable : THREAD_VARIABLES) {
            environment.put(variable, Integer.toString(threads));
        }
        return threads;
    }
}
