package dev.kernelkit.shm;

import dev.kernelkit.Mode;
import dev.kernelkit.parallel.Block;
import dev.kernelkit.parallel.BlockPlan;
import dev.kernelkit.parallel.Reach;

/**
 * How a job is split among worker processes (the blocks come from {@link BlockPlan}), and how a block travels to its
 * worker on the command line and appears in messages.
 *
 * <p>Across the filtered axis blocks need no halo, so that split is preferred whenever another axis has at least as
 * many indices as there are processes. Otherwise (a 1-D array, or fewer lines than processes) the blocks go along
 * the filtered axis with halos, when that makes more of them: each worker then reads a window around its block,
 * which its neighbours overwrite in place, so workers copy their windows first and write only when all have read
 * (see {@link WorkerProgress#filterBlock}).
 */
public final class WorkerBlocks {
    private WorkerBlocks() {
    }

    /**
     * Up to {@code processes} blocks of an array of {@code shape} filtered along {@code filteredAxis} (normalised)
     * by a filter reading {@code reach} around each output in {@code mode}; {@code reach} null (unknown) keeps the
     * blocks across the filtered axis.
     */
    public static BlockPlan plan(long[] shape, int filteredAxis, Reach reach, Mode mode, int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("processes: " + processes + " must be >= 1");
        }
        int other = -1;
        for (int d = 0; d < shape.length; d++) {
            if (d != filteredAxis && (other < 0 || shape[d] > shape[other])) {
                other = d;
            }
        }
        BlockPlan across = other < 0 ? null : BlockPlan.across(shape, other, processes);
        if (reach == null || (across != null && across.blocks().size() == processes)) {
            return across != null ? across : BlockPlan.across(shape, filteredAxis, 1);
        }
        BlockPlan along = BlockPlan.along(shape, filteredAxis, reach, mode, processes);
        return across != null && across.blocks().size() >= along.blocks().size() ? across : along;
    }

    /** The form {@link #parse} reads: {@code index/count:axis:length:start:end:windowStart:windowEnd:wrapped}. */
    public static String format(Block b) {
        return b.index() + "/" + b.count() + ":" + b.axis() + ":" + b.length() + ":" + b.start() + ":" + b.end() + ":"
                + b.windowStart() + ":" + b.windowEnd() + ":" + b.wrapped();
    }

    /** Reads {@link #format}'s form. */
    public static Block parse(String text) {
        String[] p = text.split("[/:]");
        if (p.length != 9 || !(p[8].equals("true") || p[8].equals("false"))) {
            throw new IllegalArgumentException("block: '" + text + "' is not "
                    + "index/count:axis:length:start:end:windowStart:windowEnd:wrapped");
        }
        try {
            return new Block(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    Long.parseLong(p[3]), Long.parseLong(p[4]), Long.parseLong(p[5]), Long.parseLong(p[6]),
                    Long.parseLong(p[7]), Boolean.parseBoolean(p[8]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("block: '" + text + "' has a malformed number", e);
        }
    }

    /** For messages, counted from 1: "block 2 of 3 (axis 0, [10, 20))", plus the window when it has a halo. */
    public static String describe(Block b) {
        String window = b.windowStart() == b.start() && b.windowEnd() == b.end() ? ""
                : ", reads [" + b.windowStart() + ", " + b.windowEnd() + ")" + (b.wrapped() ? " wrapped" : "");
        return "block " + (b.index() + 1) + " of " + b.count() + " (axis " + b.axis() + ", [" + b.start() + ", "
                + b.end() + ")" + window + ")";
    }
}
