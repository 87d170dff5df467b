package dev.kernelkit.parallel;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import dev.kernelkit.threads.ThreadBudget;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Runs work over blocks of an array on a bounded pool — the Java counterpart of ecogdata's {@code split_at} and
 * {@code Pool.map}. Blocks are views of the array (no copies), except the private halo windows described in
 * {@link #filter}.
 *
 * <pre>{@code
 * NdArray y = Parallel.defaults().withProgress(f -> bar.set(f))
 *         .filter(x, null, 0, FilterOptions.defaults().withAxis(0), BlockFilter.gaussian1d(2.0));
 * Parallel.defaults().map(x, 0, (block, view) -> myJavaCode(view));
 * try (var off = Parallel.disabled()) { ... same calls, blocks run one after another in this thread ... }
 * }</pre>
 *
 * <p>Threads: the pool has {@link #workers()} threads (default: the cores available to the JVM) and lives for one
 * call. Kernelkit filters inside blocks leave their thread count to the process-wide {@link ThreadBudget} (options
 * with {@code threads = 0}), so workers × native threads stay within the cores.
 *
 * <p>Errors: the first block that throws ends the run — blocks not started are skipped, running ones are
 * interrupted, the call waits until none is running and throws {@link BlockFailedException} with the block's index and
 * the cause. The output is then partly written. Log records ({@link System.Logger} named after this class) are
 * tagged {@code [block i/n]}.
 */
public final class Parallel {
    private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

    private final int workers;
    private final int blocks;
    private final DoubleConsumer progress;

    private Parallel(int workers, int blocks, DoubleConsumer progress) {
        this.workers = workers;
        this.blocks = blocks;
        this.progress = progress;
    }

    /** One worker per core, as many blocks as workers, no progress callback. */
    public static Parallel defaults() {
        int cores = ThreadBudget.global().cores();
        return new Parallel(cores, cores, null);
    }

    /** The pool size: at most this many blocks run at once. */
    public Parallel withWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: " + workers + " must be >= 1");
        }
        return new Parallel(workers, blocks, progress);
    }

    /** How many blocks to cut (fewer when the axis is too short, see {@link BlockPlan}). */
    public Parallel withBlocks(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks: " + blocks + " must be >= 1");
        }
        return new Parallel(workers, blocks, progress);
    }

    /** Called with the fraction of blocks done (0 &lt; f &le; 1, increasing) after each block; null for none. */
    public Parallel withProgress(DoubleConsumer progress) {
        return new Parallel(workers, blocks, progress);
    }

    public int workers() {
        return workers;
    }

    public int blocks() {
        return blocks;
    }

    /**
     * Turns parallel execution off for the calling thread until the scope closes: blocks then run one after another
     * in the caller, with the same results, progress and errors. Scopes nest.
     */
    public static Disabled disabled() {
        DISABLED.get()[0]++;
        return new Disabled();
    }

    /** False inside a {@link #disabled()} scope of the calling thread. */
    public static boolean enabled() {
        return DISABLED.get()[0] == 0;
    }

    /** The scope of {@link #disabled()}; closing it (once) turns parallelism back on if no outer scope is open. */
    public static final class Disabled implements AutoCloseable {
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private Disabled() {
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("Parallel.disabled(): close the scope in the thread that opened it");
            }
            closed = true;
            DISABLED.get()[0]--;
        }
    }

    /** Runs {@code task} on each block of {@code array} cut along {@code axis} (views, no halo). */
    public void map(NdArray array, int axis, BlockTask task) {
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(task, "task");
        BlockPlan plan = BlockPlan.across(array.shape(), axis, blocks);
        BlockRunner.run(plan.blocks(), workers, enabled(), progress, b -> task.run(b, b.core(array)));
    }

    /**
     * Applies {@code filter} with {@code options} to {@code in}, split along {@code splitAxis}, like ecogdata's
     * {@code split_optional_output}: {@code out} null allocates the output (returned), a given {@code out} receives
     * it, and {@code out == in} filters in place. The result equals the unsplit call's:
     * <ul>
     *   <li>across the filtered axis, blocks are independent sets of lines, filtered from their views into theirs
     *       (also in place, and also where their memory interleaves, e.g. column blocks of a C-order matrix);
     *   <li>along it, each block filters its halo window (see {@link BlockPlan}) into a private buffer and copies its
     *       core out. In place, the halo strips of every block are copied before any block runs, so no block reads a
     *       sample a neighbour has already overwritten; wrap's end blocks gather the far end of the line.
     * </ul>
     * With {@code Method.DIRECT} the spliced result is bit-identical to the unsplit one for every mode. With FFT (or
     * AUTO choosing it) a block's overlap-save segments start at other positions than the whole line's, so the
     * result agrees within the FFT method's tolerance, not bit for bit.
     */
    public NdArray filter(NdArray in, NdArray out, int splitAxis, FilterOptions options, BlockFilter filter) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(filter, "filter");
        NdArray target = out == null ? in.zerosLike() : out;
        BlockPlan plan = BlockFilterPlan.plan(in, target, splitAxis, options, filter, blocks);
        BlockRunner.Action action = BlockFilterPlan.action(in, target, plan, options, filter);
        BlockRunner.run(plan.blocks(), workers, enabled(), progress, action);
        return target;
    }
}
