package dev.kernelkit.parallel;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/** How {@link Parallel#filter} cuts the arrays and what each block does (see its documentation). */
final class BlockFilterPlan {
    private BlockFilterPlan() {
    }

    static BlockPlan plan(NdArray in, NdArray out, int splitAxis, FilterOptions options, BlockFilter filter,
                          int blocks) {
        if (in.dtype() != out.dtype() || !Arrays.equals(in.shape(), out.shape())) {
            throw new IllegalArgumentException("out: " + out.dtype().numpyName() + " " + Arrays.toString(out.shape())
                    + " does not match the input's " + in.dtype().numpyName() + " " + Arrays.toString(in.shape()));
        }
        if (in.ndim() == 0) {
            throw new IllegalArgumentException("in: a 0-d array has no axis to split");
        }
        int split = NdArray.normalizeAxis(splitAxis, in.ndim());
        int axis = NdArray.normalizeAxis(options.axis(), in.ndim());
        if (split != axis) {
            return BlockPlan.across(in.shape(), split, blocks);
        }
        return BlockPlan.along(in.shape(), split, filter.reach(options), options.mode(), blocks);
    }

    static BlockRunner.Action action(NdArray in, NdArray out, BlockPlan plan, FilterOptions options,
                                     BlockFilter filter) {
        boolean shares = shares(in, out);
        // A partly overlapping output could overwrite another block's input before it is read: filter from a copy.
        NdArray src = shares && !sameView(in, out) ? in.copy() : in;
        if (plan.reach().total() == 0 || plan.blocks().size() == 1) {
            // Independent blocks (or one): each filters its own view into its own view, in place or not.
            return b -> filter.apply(b.core(src), b.core(out), options);
        }
        if (src != in || !shares) {
            return b -> viaWindow(b, b.wrapped() ? b.gatherWindow(src) : b.window(src), out, options, filter);
        }
        // In place along the filtered axis: snapshot every block's halo strips before any block writes.
        List<Block> blocks = plan.blocks();
        NdArray[] before = new NdArray[blocks.size()];
        NdArray[] after = new NdArray[blocks.size()];
        for (Block b : blocks) {
            before[b.index()] = b.gather(in, b.windowStart(), b.start());
            after[b.index()] = b.gather(in, b.end(), b.windowEnd());
        }
        return b -> {
            long[] shape = in.shape();
            shape[b.axis()] = b.windowSize();
            NdArray window = NdArray.allocate(in.dtype(), shape);
            long h = b.coreOffset();
            window.slice(b.axis(), 0, h).copyFrom(before[b.index()]);
            window.slice(b.axis(), h, h + b.size()).copyFrom(b.core(in));
            window.slice(b.axis(), h + b.size(), b.windowSize()).copyFrom(after[b.index()]);
            before[b.index()] = null; // the strips are no longer needed
            after[b.index()] = null;
            filter.apply(window, window, options);
            b.core(out).copyFrom(b.coreOfWindow(window));
        };
    }

    /** Filters the block's window into a private buffer and copies the core's outputs to {@code out}. */
    private static void viaWindow(Block b, NdArray window, NdArray out, FilterOptions options, BlockFilter filter) {
        NdArray filtered = window.zerosLike();
        filter.apply(window, filtered, options);
        b.core(out).copyFrom(b.coreOfWindow(filtered));
    }

    /** True when the memory spans of the two views intersect. */
    private static boolean shares(NdArray a, NdArray b) {
        return a.size() > 0 && b.size() > 0 && a.spannedBytes().asOverlappingSlice(b.spannedBytes()).isPresent();
    }

    /** True for two views of the same elements in the same order (same first element, shape and strides). */
    private static boolean sameView(NdArray a, NdArray b) {
        if (!Arrays.equals(a.strides(), b.strides())) {
            return false;
        }
        MemorySegment first = a.segment().asSlice(a.byteOffset(), a.dtype().byteSize());
        return first.asOverlappingSlice(b.segment().asSlice(b.byteOffset(), b.dtype().byteSize()))
                .map(s -> s.byteSize() == first.byteSize()).orElse(false);
    }
}
