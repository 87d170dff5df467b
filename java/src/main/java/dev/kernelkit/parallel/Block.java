package dev.kernelkit.parallel;

import dev.kernelkit.NdArray;

/**
 * One block of a {@link BlockPlan}: the outputs {@code [start, end)} along the split axis (the core) and the input
 * window {@code [windowStart, windowEnd)} the block must read to compute them. Without wrapping the window is the
 * core plus the halo, clipped to the line, and is a view of the input. A {@link #wrapped() wrapped} block (mode wrap,
 * halo crossing a line end) has an unclipped window whose indices are taken modulo the line length: it is gathered
 * into a private copy ({@link #gatherWindow}) because a view cannot join the line's far end to its near end.
 *
 * @param index  0-based position among {@code count} blocks
 * @param axis   the split axis (normalised)
 * @param length the line length along the axis
 */
public record Block(int index, int count, int axis, long length, long start, long end, long windowStart,
                    long windowEnd, boolean wrapped) {
    public Block {
        if (index < 0 || index >= count || start < 0 || end < start || end > length || windowStart > start
                || windowEnd < end || (!wrapped && (windowStart < 0 || windowEnd > length))) {
            throw new IllegalArgumentException("block: invalid " + index + "/" + count + " core [" + start + ", "
                    + end + ") window [" + windowStart + ", " + windowEnd + ") of " + length);
        }
    }

    /** Number of outputs of this block. */
    public long size() {
        return end - start;
    }

    /** Where the core begins inside the window. */
    public long coreOffset() {
        return start - windowStart;
    }

    /** Length of the window. */
    public long windowSize() {
        return windowEnd - windowStart;
    }

    /** The block's outputs of {@code array}: a view sharing its memory. */
    public NdArray core(NdArray array) {
        return array.slice(axis, start, end);
    }

    /** The window of {@code array} as a view; only for blocks that are not {@link #wrapped()}. */
    public NdArray window(NdArray array) {
        if (wrapped) {
            throw new IllegalStateException(this + " wraps around the line: use gatherWindow");
        }
        return array.slice(axis, windowStart, windowEnd);
    }

    /** The core's part of a filtered window (a view of {@code filteredWindow}). */
    public NdArray coreOfWindow(NdArray filteredWindow) {
        return filteredWindow.slice(axis, coreOffset(), coreOffset() + size());
    }

    /**
     * The window copied into a new C-ordered array: for a wrapped block, window index {@code k} holds line index
     * {@code (windowStart + k) mod length}, so the halo continues periodically across the line ends.
     */
    public NdArray gatherWindow(NdArray array) {
        return gather(array, windowStart, windowEnd);
    }

    /**
     * Line indices {@code [from, to)} along the axis, each taken modulo the line length, copied into a new C-ordered
     * array (a halo strip of a wrapped window continues across the line end).
     */
    NdArray gather(NdArray array, long from, long to) {
        long[] shape = array.shape();
        shape[axis] = to - from;
        NdArray copy = NdArray.allocate(array.dtype(), shape);
        long k = 0;
        while (k < to - from) {
            long at = Math.floorMod(from + k, length);
            long run = Math.min(to - from - k, length - at); // contiguous up to the line end
            copy.slice(axis, k, k + run).copyFrom(array.slice(axis, at, at + run));
            k += run;
        }
        return copy;
    }

    @Override
    public String toString() {
        return "block " + index + " of " + count + " (axis " + axis + ", [" + start + ", " + end + "))";
    }
}
