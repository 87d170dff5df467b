package dev.kernelkit.parallel;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an array is cut into blocks along one axis so that filtering each block reproduces the unsplit result.
 *
 * <p>Across the filtered axis ({@link #across}) blocks are plain slices. Along it ({@link #along}) every block
 * carries the filter's {@link Reach} as a halo: its window is {@code [start - before, end + after)}. Clipped at a line
 * end, the window starts (or ends) where the line does, and the filter's own boundary extension then applies there —
 * identical to the whole line's as long as the window holds at least {@link Reach#minimumBlock()} samples, which the
 * plan guarantees by making no core shorter than that (so it may make fewer blocks than asked, down to one).
 *
 * <p>Mode wrap is the exception: the extension at one end is the other end of the line. The end blocks' windows are
 * then not clipped but continue modulo the line length, and are {@link Block#gatherWindow gathered} into a copy that
 * already holds the wrapped halo; interior blocks stay views. A single block is always the whole line, unclipped
 * and unwrapped, filtered with the mode as is.
 */
public final class BlockPlan {
    private final int axis;
    private final long length;
    private final Reach reach;
    private final List<Block> blocks;

    private BlockPlan(int axis, long length, Reach reach, List<Block> blocks) {
        this.axis = axis;
        this.length = length;
        this.reach = reach;
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Up to {@code maxBlocks} near-equal blocks along {@code axis} of an array of this shape, which is the filtered
     * axis of a filter reading {@code reach} around each output in {@code mode}.
     */
    public static BlockPlan along(long[] shape, int axis, Reach reach, Mode mode, int maxBlocks) {
        int ax = checkAxis(shape, axis);
        checkCount(maxBlocks);
        long n = shape[ax];
        int count = (int) Math.max(1, Math.min(maxBlocks, n / reach.minimumBlock()));
        List<Block> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = n * i / count;
            long end = n * (i + 1) / count;
            if (count == 1) {
                list.add(new Block(0, 1, ax, n, 0, n, 0, n, false));
                continue;
            }
            long ws = start - reach.before();
            long we = end + reach.after();
            boolean wraps = mode == Mode.WRAP && (ws < 0 || we > n);
            if (!wraps) {
                ws = Math.max(0, ws);
                we = Math.min(n, we);
            }
            list.add(new Block(i, count, ax, n, start, end, ws, we, wraps));
        }
        return new BlockPlan(ax, n, reach, list);
    }

    /** Up to {@code maxBlocks} near-equal blocks along {@code axis}, which is not the filtered axis: no halo. */
    public static BlockPlan across(long[] shape, int axis, int maxBlocks) {
        int ax = checkAxis(shape, axis);
        checkCount(maxBlocks);
        long n = shape[ax];
        int count = (int) Math.max(1, Math.min(maxBlocks, n));
        List<Block> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = n * i / count;
            long end = n * (i + 1) / count;
            list.add(new Block(i, count, ax, n, start, end, start, end, false));
        }
        return new BlockPlan(ax, n, Reach.NONE, list);
    }

    /** The split axis (normalised). */
    public int axis() {
        return axis;
    }

    /** The extent of the split axis. */
    public long length() {
        return length;
    }

    /** The halo each block carries ({@link Reach#NONE} across the filtered axis). */
    public Reach reach() {
        return reach;
    }

    /** The blocks in order; their cores tile {@code [0, length)} without gaps or overlaps. */
    public List<Block> blocks() {
        return blocks;
    }

    @Override
    public String toString() {
        return blocks.size() + " blocks along axis " + axis + " of " + length + " (halo " + reach.before() + "+"
                + reach.after() + ")";
    }

    private static int checkAxis(long[] shape, int axis) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("shape: " + Arrays.toString(shape) + " has no axis to split");
        }
        return NdArray.normalizeAxis(axis, shape.length);
    }

    private static void checkCount(int maxBlocks) {
        if (maxBlocks < 1) {
            throw new IllegalArgumentException("blocks: " + maxBlocks + " must be >= 1");
        }
    }
}
