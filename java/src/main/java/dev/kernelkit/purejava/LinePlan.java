package dev.kernelkit.purejava;

import dev.kernelkit.NdArray;

/**
 * How an N-d array is cut into the lines along one axis, and which lines are filtered together.
 *
 * <p>When the axis is not the array's densest direction (e.g. axis 0 of a C-ordered 400000×100 array, stride 100),
 * reading one line at a time would touch a new cache line for every sample, and again for each neighbouring line.
 * Then adjacent lines along the densest other dimension are taken as a <em>group</em> of up to {@link #MAX_GROUP}
 * (fewer for very long kernels, whose windows are large): they are read and written together, one contiguous run per
 * position. Groups along a dimension differ in size by at most one. The remaining dimensions ("outer") are enumerated
 * in C order. Everything is in elements, as {@link NdArray} counts them.
 */
final class LinePlan {
    /**
     * Most lines filtered together. Large enough that the rows of a typical multichannel recording stored
     * sample-major (e.g. 100 or 128 channels) form one group and can be streamed as whole contiguous rows.
     */
    static final int MAX_GROUP = 128;
    /** Doubles of windows a group may need, {@code lines × (block + K - 1)}, before it is made smaller (32 MiB). */
    private static final long GROUP_WINDOW_LIMIT = 1L << 22;

    /** Samples per line. */
    final long length;
    /** Stride along the axis, input and output. */
    final long inStep;
    final long outStep;
    /** Stride between the lines of a group, input and output (0 without grouping). */
    final long inGroupStep;
    final long outGroupStep;

    private final long inOffset;
    private final long outOffset;
    private final long groupExtent;
    private final long groupCount;
    private final long[] outerExtents;
    private final long[] inOuterStrides;
    private final long[] outOuterStrides;
    private final long outerCount;

    private LinePlan(NdArray in, NdArray out, int axis, int groupDim, int maxGroup) {
        long[] shape = in.shape();
        long[] is = in.strides();
        long[] os = out.strides();
        this.length = shape[axis];
        this.inStep = is[axis];
        this.outStep = os[axis];
        this.inOffset = in.offset();
        this.outOffset = out.offset();
        if (groupDim >= 0) {
            this.groupExtent = shape[groupDim];
            this.groupCount = (groupExtent + maxGroup - 1) / maxGroup;
            this.inGroupStep = is[groupDim];
            this.outGroupStep = os[groupDim];
        } else {
            this.groupExtent = 1;
            this.groupCount = 1;
            this.inGroupStep = 0;
            this.outGroupStep = 0;
        }
        int outer = shape.length - 1 - (groupDim >= 0 ? 1 : 0);
        this.outerExtents = new long[outer];
        this.inOuterStrides = new long[outer];
        this.outOuterStrides = new long[outer];
        long count = 1;
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (d != axis && d != groupDim) {
                outerExtents[k] = shape[d];
                inOuterStrides[k] = is[d];
                outOuterStrides[k] = os[d];
                count *= shape[d];
                k++;
            }
        }
        this.outerCount = count;
    }

    /**
     * The plan for filtering {@code in} into {@code out} (same shape, size &gt; 0) along {@code axis} with a kernel
     * that needs {@code halo = K - 1} samples beyond each output.
     */
    static LinePlan of(NdArray in, NdArray out, int axis, int halo) {
        long perLine = CorrelationKernel.BLOCK + (long) halo;
        int maxGroup = (int) Math.max(1, Math.min(MAX_GROUP, GROUP_WINDOW_LIMIT / perLine));
        return new LinePlan(in, out, axis, chooseGroupDim(in, out, axis), maxGroup);
    }

    /**
     * The dimension to group lines along, or -1: the other dimension whose input plus output strides are smallest,
     * if that is smaller than the axis's own (so that the group's samples at one position are nearer each other
     * than consecutive samples of one line).
     */
    private static int chooseGroupDim(NdArray in, NdArray out, int axis) {
        long[] shape = in.shape();
        long[] is = in.strides();
        long[] os = out.strides();
        long axisCost = Math.abs(is[axis]) + Math.abs(os[axis]);
        int best = -1;
        long bestCost = axisCost;
        for (int d = 0; d < shape.length; d++) {
            if (d == axis || shape[d] < 2) {
                continue;
            }
            long cost = Math.abs(is[d]) + Math.abs(os[d]);
            if (cost < bestCost) {
                best = d;
                bestCost = cost;
            }
        }
        return best;
    }

    /** Number of line groups (each one or more lines). */
    long groups() {
        return outerCount * groupCount;
    }

    /** The number of lines in group {@code g} (groups differ in size by at most one). */
    int groupSize(long g) {
        long k = g % groupCount;
        return (int) (groupStart(k + 1) - groupStart(k));
    }

    /** First line of group {@code k} along the group dimension: sizes q+1 for the first r groups, then q. */
    private long groupStart(long k) {
        long q = groupExtent / groupCount;
        long r = groupExtent % groupCount;
        return k * q + Math.min(k, r);
    }

    /** Element offset of sample 0 of the first input line of group {@code g}. */
    long inBase(long g) {
        return base(g, inOffset, inOuterStrides, inGroupStep);
    }

    /** Element offset of sample 0 of the first output line of group {@code g}. */
    long outBase(long g) {
        return base(g, outOffset, outOuterStrides, outGroupStep);
    }

    private long base(long g, long offset, long[] outerStrides, long groupStep) {
        long off = offset + groupStart(g % groupCount) * groupStep;
        long rest = g / groupCount;
        for (int k = outerExtents.length - 1; k >= 0; k--) {
            long idx = rest % outerExtents[k];
            rest /= outerExtents[k];
            off += idx * outerStrides[k];
        }
        return off;
    }
}
