package dev.kernelkit.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The process-wide budget of native threads: when kernelkit calls run from several Java threads at once, the calls
 * that leave the thread count to kernelkit ({@code threads = 0}) share the cores available to the JVM instead of each
 * starting one OpenMP thread per core.
 *
 * <p>A call takes a {@link Lease} for its duration. A default request is granted {@code cores / k} threads (at least
 * 1), capped by the threads still free, where k is the <em>recent concurrency</em>: the distinct Java threads that
 * hold or wait for a lease now or released one within the last {@link #RECENT_WINDOW_NANOS} (the caller included).
 * Why recent rather than instant: a lease is fixed for its call, and callers of a concurrent workload never arrive
 * at exactly the same moment — sized by the instant count, the first to arrive takes every core, later ones get
 * fewer, the leases of different sizes end at different times and the last call runs alone while cores idle
 * (measured: 7-20 % slower than letting every call oversubscribe). Sized by the recent concurrency, the callers of
 * a repeated concurrent workload all get {@code cores / k} and run in aligned waves; the price is that a lone call
 * within the window after such a burst gets a share, not every core. When no thread is free a default request waits
 * until a lease is released, so the default calls never have more than {@code cores} threads in flight. An explicit
 * request is granted as asked, at once (it is the caller's decision) and counted, so default calls beside it get
 * correspondingly fewer. A lease taken while the same Java thread already holds one (a nested call) reuses the
 * outer lease's count and takes nothing more, so nesting cannot deadlock.
 *
 * <p>OpenBLAS's pool is process-wide and not told about leases by itself: wrap your own BLAS calls in
 * {@link #blas()} to take a lease and limit OpenBLAS to it for the scope.
 */
public final class ThreadBudget {
    /**
     * How long a thread that released its lease still counts as a concurrent caller: long enough to span the pause
     * between the calls of a loop or the rounds of a workload, short enough that a lone caller soon gets every core.
     */
    public static final long RECENT_WINDOW_NANOS = 1_000_000_000L;
    /** In {@link #lastSeen}: the thread holds or waits for a lease now. */
    private static final long ACTIVE = Long.MAX_VALUE;
    private static final ThreadBudget GLOBAL = new ThreadBudget(Runtime.getRuntime().availableProcessors());

    private final int cores;
    private final LongSupplier nanoClock;
    /** Per recent caller: {@link #ACTIVE}, or when (nanoClock) it released its last lease; older entries dropped. */
    private final Map<Thread, Long> lastSeen = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    /** Per thread holding a lease: its outermost lease (nested calls find it here). */
    private final Map<Thread, Lease> byThread = new ConcurrentHashMap<>();
    private int inFlight;

    /** A budget of {@code cores} threads (the process uses {@link #global()}; separate budgets are for tests). */
    ThreadBudget(int cores) {
        this(cores, System::nanoTime);
    }

    /** As {@link #ThreadBudget(int)} with the clock that ages recent callers (tests inject one). */
    ThreadBudget(int cores, LongSupplier nanoClock) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores: " + cores + " must be >= 1");
        }
        this.cores = cores;
        this.nanoClock = nanoClock;
    }

    /** The process-wide budget: the cores available to the JVM ({@link Runtime#availableProcessors()}). */
    public static ThreadBudget global() {
        return GLOBAL;
    }

    /** The number of threads shared by default requests. */
    public int cores() {
        return cores;
    }

    /** Threads currently leased (default and explicit). */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The thread count leased by {@code thread} right now (its outermost lease), or 0 when it holds none. */
    public int leasedBy(Thread thread) {
        Lease lease = byThread.get(thread);
        return lease == null ? 0 : lease.threads;
    }

    /**
     * Takes a lease: {@code requested} threads when it is explicit (&gt; 0), else a share of the free cores, waiting
     * for a release when none is free. Close the lease when the call ends (try-with-resources), also on exceptions.
     *
     * @throws IllegalArgumentException when requested is negative
     */
    public Lease acquire(int requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("threads: " + requested + " must be >= 0 (0 = a share of the budget)");
        }
        Thread me = Thread.currentThread();
        Lease outer = byThread.get(me);
        if (outer != null) {
            return new Lease(this, requested > 0 ? requested : outer.threads, 0, false);
        }
        lock.lock();
        try {
            Long before = lastSeen.put(me, ACTIVE);
            int granted;
            try {
                if (requested > 0) {
                    granted = requested;
                } else {
                    while (inFlight >= cores) {
                        released.awaitUninterruptibly();
                    }
                    int share = Math.max(1, cores / recentCallers());
                    granted = Math.min(share, cores - inFlight);
                }
            } catch (RuntimeException | Error e) { // only a failed wait: forget the wait, keep what was known
                if (before == null) {
                    lastSeen.remove(me);
                } else {
                    lastSeen.put(me, before);
                }
                throw e;
            }
            inFlight += granted;
            Lease lease = new Lease(this, granted, granted, true);
            byThread.put(me, lease);
            return lease;
        } finally {
            lock.unlock();
        }
    }

    /** The recent concurrency k (at least 1: the caller), dropping callers last seen before the window. */
    private int recentCallers() {
        long since = nanoClock.getAsLong() - RECENT_WINDOW_NANOS;
        lastSeen.values().removeIf(seen -> seen != ACTIVE && seen - since < 0); // nanoTime: compare differences
        return Math.max(1, lastSeen.size());
    }

    /**
     * The recent concurrency k a default request of a thread already counted would be sized by now: the distinct
     * threads holding or waiting for a lease, or that released one within the last {@link #RECENT_WINDOW_NANOS}
     * (at least 1).
     */
    public int recentConcurrency() {
        lock.lock();
        try {
            return recentCallers();
        } finally {
            lock.unlock();
        }
    }

    private void release(Lease lease) {
        byThread.remove(lease.thread, lease);
        lock.lock();
        try {
            inFlight -= lease.counted;
            lastSeen.put(lease.thread, nanoClock.getAsLong());
            recentCallers(); // prunes here too, so threads making only explicit calls do not pile up
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A default lease of the {@link #global()} budget with every loaded BLAS library (OpenBLAS, MKL, BLIS) limited to
     * the leased count until close — for BLAS calls of your own running beside kernelkit's. BLAS pools are
     * process-wide: two such scopes open at once on different threads each set the pool when they open and restore
     * what they found when they close, so keep BLAS work of different threads from overlapping when that matters.
     */
    public static BlasScope blas() {
        Lease lease = GLOBAL.acquire(0);
        ThreadLimit limit;
        try {
            limit = ThreadGuard.limitBlas(lease.threads());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        return new BlasScope(lease, limit);
    }

    /** {@link #blas()}'s scope: the lease's thread count and the BLAS limit, undone in reverse order. */
    public record BlasScope(Lease lease, ThreadLimit limit) implements AutoCloseable {
        @Override
        public void close() {
            try {
                limit.close();
            } finally {
                lease.close();
            }
        }
    }

    /** Threads granted to one call; closing returns them to the budget (once), in the thread that took the lease. */
    public static final class Lease implements AutoCloseable {
        private final Thread thread = Thread.currentThread();
        private final ThreadBudget budget;
        private final int threads;
        private final int counted;
        /** The thread's outermost lease, which alone returns threads to the budget; nested ones only reuse it. */
        private final boolean outermost;
        private boolean closed;

        private Lease(ThreadBudget budget, int threads, int counted, boolean outermost) {
            this.budget = budget;
            this.threads = threads;
            this.counted = counted;
            this.outermost = outermost;
        }

        /** The native thread count the call should use. */
        public int threads() {
            return threads;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (outermost) {
                if (Thread.currentThread() != thread) {
                    closed = false;
                    throw new IllegalStateException("ThreadBudget: close a lease in the thread that took it");
                }
                budget.release(this);
            }
        }
    }
}
