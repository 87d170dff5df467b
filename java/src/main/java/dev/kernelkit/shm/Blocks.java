package dev.kernelkit.shm;

import java.util.ArrayList;
import java.util.List;

/** Splits an array among worker processes along a non-filtered axis. */
public final class Blocks {
    private Blocks() {
    }

    /**
     * Up to {@code processes} blocks of near-equal size along the longest axis other than {@code filteredAxis}
     * (already normalised). Blocks along the filtered axis would need halos read from the unfiltered input while
     * neighbours overwrite it in place, so when no other axis has two or more indices the whole array is one block.
     */
    public static List<Block> split(long[] shape, int filteredAxis, int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("processes: " + processes + " must be >= 1");
        }
        int axis = -1;
        for (int d = 0; d < shape.length; d++) {
            if (d != filteredAxis && (axis < 0 || shape[d] > shape[axis])) {
                axis = d;
            }
        }
        if (axis < 0 || shape[axis] < 2) {
            int whole = axis < 0 ? filteredAxis : axis;
            return List.of(new Block(0, 1, whole, 0, shape[whole]));
        }
        long extent = shape[axis];
        int count = (int) Math.min(processes, extent);
        List<Block> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(new Block(i, count, axis, extent * i / count, extent * (i + 1) / count));
        }
        return blocks;
    }
}
