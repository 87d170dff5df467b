package dev.kernelkit.threads;

/**
 * One loaded BLAS pool, held open for repeated use: the pool a given BLAS function actually runs in
 * ({@link ThreadGuard#poolRunning}). Setting its thread count costs two native calls, with no search of the loaded
 * libraries, so it suits a per-call limit; keep the instance (it lives as long as the process).
 */
public final class BoundPool {
    private final LoadedPool pool;

    BoundPool(LoadedPool pool) {
        this.pool = pool;
    }

    /** The library file, as the dynamic loader reports it (the same path {@link ThreadGuard#info()} lists). */
    public String path() {
        return pool.path;
    }

    /** The pool's current thread count. */
    public int threads() {
        return pool.threads();
    }

    /**
     * Sets this pool (only) to n threads until the returned scope closes, which restores the count found here —
     * including one set by an enclosing {@link ThreadGuard#limitBlas} scope. The pool is process-wide: callers on
     * several threads must serialise their scopes themselves.
     *
     * @throws IllegalArgumentException when n &lt; 1
     */
    public ThreadLimit limit(int n) {
        ThreadGuard.requirePositive("threads", n);
        ThreadLimit scope = new ThreadLimit();
        scope.applyKeepingOpen(pool, n);
        return scope;
    }
}
