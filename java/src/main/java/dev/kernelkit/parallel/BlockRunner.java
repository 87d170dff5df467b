package dev.kernelkit.parallel;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;

/**
 * Runs one action per block on a bounded pool created for the run (or in the calling thread when parallelism is
 * off), reports progress, and turns the first failure into a {@link BlockFailedException} after cancelling the
 * blocks not yet started and interrupting the running ones. It returns only when no block is running any more, so no
 * block writes to the output after the caller has its result or its exception.
 */
final class BlockRunner {
    private static final System.Logger LOG = System.getLogger(Parallel.class.getName());
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** What a run does with one block. */
    @FunctionalInterface
    interface Action {
        void run(Block block) throws Exception;
    }

    private final List<Block> blocks;
    private final DoubleConsumer progress;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<BlockFailedException> failure = new AtomicReference<>();
    private int done;

    private BlockRunner(List<Block> blocks, DoubleConsumer progress) {
        this.blocks = blocks;
        this.progress = progress;
    }

    static void run(List<Block> blocks, int workers, boolean parallel, DoubleConsumer progress, Action action) {
        BlockRunner runner = new BlockRunner(blocks, progress);
        if (!parallel || workers == 1 || blocks.size() == 1) {
            runner.sequential(action);
        } else {
            runner.pooled(Math.min(workers, blocks.size()), action);
        }
        BlockFailedException e = runner.failure.get();
        if (e != null) {
            throw e;
        }
    }

    private void sequential(Action action) {
        for (Block b : blocks) {
            if (!runOne(b, action)) {
                return;
            }
        }
    }

    private void pooled(int workers, Action action) {
        int run = RUNS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "kernelkit-parallel-" + run + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true); // a worker must never keep the JVM alive
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(workers, factory);
        // Appended here while a failing worker cancels the others: a list safe for that.
        List<Future<?>> futures = new CopyOnWriteArrayList<>();
        try {
            for (Block b : blocks) {
                futures.add(pool.submit(() -> {
                    if (!runOne(b, action)) {
                        futures.forEach(f -> f.cancel(true));
                    }
                }));
            }
        } finally {
            pool.shutdown();
        }
        awaitQuietly(pool, futures);
    }

    /** Waits until every worker has ended; an interrupt of the caller cancels the run, then still waits. */
    private void awaitQuietly(ExecutorService pool, List<Future<?>> futures) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                cancelled.set(true);
                futures.forEach(f -> f.cancel(true));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new BlockFailedException(blocks.get(0),
                    new InterruptedException("the caller was interrupted; the run was cancelled")));
        }
    }

    /** Runs one block unless the run is cancelled; false when the run must stop (this block failed). */
    private boolean runOne(Block b, Action action) {
        if (cancelled.get()) {
            LOG.log(Level.DEBUG, () -> tag(b) + " cancelled");
            return true;
        }
        try {
            LOG.log(Level.DEBUG, () -> tag(b) + " start, [" + b.start() + ", " + b.end() + ") window ["
                    + b.windowStart() + ", " + b.windowEnd() + ")" + (b.wrapped() ? " wrapped" : ""));
            action.run(b);
            LOG.log(Level.DEBUG, () -> tag(b) + " done");
            reportDone();
            return true;
        } catch (Throwable t) {
            if (cancelled.compareAndSet(false, true)) {
                failure.set(new BlockFailedException(b, t));
                LOG.log(Level.WARNING, () -> tag(b) + " failed: " + t + "; cancelling the other blocks");
            } else {
                LOG.log(Level.DEBUG, () -> tag(b) + " ended after the cancellation: " + t);
            }
            return false;
        }
    }

    private synchronized void reportDone() {
        done++;
        if (progress != null) {
            progress.accept((double) done / blocks.size());
        }
    }

    private static String tag(Block b) {
        return "[block " + b.index() + "/" + b.count() + "]";
    }
}
