package dev.kernelkit.purejava;

import dev.kernelkit.NdArray;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pure-Java backend's threads: one process-wide pool of daemon threads, created on first need and grown to the
 * largest thread count asked for (never shrunk; idle threads only wait on a queue).
 *
 * <p>A call with {@code threads = T} hands one job to {@code T - 1} pool threads and works on it itself. Units are
 * claimed in small batches from a shared counter, so a slow or late thread just does less; the caller waits only for
 * helpers that actually started (a helper that gets to the job after it is finished leaves at once), so concurrent
 * calls sharing the pool cannot deadlock. The first exception of any thread stops further claims and is rethrown to
 * the caller.
 */
final class WorkerPool {
    private static final WorkerPool SHARED = new WorkerPool();

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>(); // guarded by this

    /** Work on units {@code from .. to-1} with the given scratch. */
    interface Units {
        void run(long from, long to, Scratch scratch);
    }

    static WorkerPool shared() {
        return SHARED;
    }

    /**
     * True when pool threads may touch {@code segment}: false for a segment of a confined arena, which only its
     * owner thread may access.
     */
    boolean canAccess(MemorySegment segment) {
        Thread worker;
        synchronized (this) {
            ensureWorkers(1);
            worker = workers.get(0);
        }
        return segment.isAccessibleBy(worker);
    }

    /**
     * Runs units {@code 0 .. units-1}: on the calling thread with its own scratch when one thread suffices, else on
     * {@code min(threads, units)} threads of the shared pool.
     */
    static void runAll(int threads, long units, Units body) {
        if (threads <= 1 || units == 1) {
            Scratch scratch = Scratch.acquire();
            try {
                body.run(0, units, scratch);
            } finally {
                Scratch.release(scratch);
            }
        } else {
            SHARED.run((int) Math.min(threads, units), units, body);
        }
    }

    /** The requested thread count, or 1 when pool threads may not access the arrays (confined arenas). */
    static int usableThreads(NdArray in, NdArray out, int threads) {
        if (threads <= 1) {
            return 1;
        }
        return SHARED.canAccess(in.segment()) && SHARED.canAccess(out.segment()) ? threads : 1;
    }

    /**
     * Runs {@code units} units on the calling thread and {@code threads - 1} pool threads; returns when all are
     * done.
     */
    void run(int threads, long units, Units body) {
        long batch = Math.max(1, units / (8L * threads));
        Job job = new Job(units, batch, body);
        synchronized (this) {
            ensureWorkers(threads - 1);
        }
        for (int i = 0; i < threads - 1; i++) {
            queue.add(job);
        }
        job.work();
        job.finish();
    }

    private void ensureWorkers(int count) {
        while (workers.size() < count) {
            Thread t = new Thread(this::serve, "kernelkit-java-" + workers.size());
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void serve() {
        while (true) {
            Runnable r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                continue; // a pool thread serves until the JVM exits
            }
            try {
                r.run();
            } catch (Throwable t) {
                // Job.run records its failures for the caller; nothing else is queued. Keep serving.
            }
        }
    }

    /** One call's units, shared by the caller and its helpers. */
    private static final class Job implements Runnable {
        private final AtomicLong next = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final long units;
        private final long batch;
        private final Units body;
        private int active; // helpers inside work(); guarded by this
        private boolean closed; // no helper may join any more; guarded by this

        Job(long units, long batch, Units body) {
            this.units = units;
            this.batch = batch;
            this.body = body;
        }

        /** A helper's turn: join unless the caller has already finished. */
        @Override
        public void run() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                active++;
            }
            try {
                work();
            } finally {
                synchronized (this) {
                    if (--active == 0) {
                        notifyAll();
                    }
                }
            }
        }

        void work() {
            Scratch scratch = null;
            try {
                scratch = Scratch.acquire();
                while (failure.get() == null) {
                    long from = next.getAndAdd(batch);
                    if (from >= units) {
                        break;
                    }
                    body.run(from, Math.min(units, from + batch), scratch);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                if (scratch != null) {
                    Scratch.release(scratch);
                }
            }
        }

        /** Called by the caller after its own work: waits for the helpers still working, then reports a failure. */
        void finish() {
            boolean interrupted = false;
            synchronized (this) {
                closed = true;
                while (active > 0) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // helpers are still writing the output: keep waiting
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("java backend: a worker failed", t);
            }
        }
    }
}
