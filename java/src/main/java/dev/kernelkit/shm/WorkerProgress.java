package dev.kernelkit.shm;

import dev.kernelkit.NdArray;
import dev.kernelkit.parallel.Block;
import java.io.IOException;
import java.util.function.Consumer;

/** The worker side of a block: filtering it in place in the shared array and reporting on the channel. */
public final class WorkerProgress {
    private static final int CHUNKS = 4;

    private WorkerProgress() {
    }

    /**
     * Filters {@code block} of {@code array} in place with {@code filter} (which filters an array in place along
     * {@code filteredAxis}), reporting progress on {@code channel}.
     *
     * <p>A block across the filtered axis is filtered as a view, in a few chunks along the block's axis (still not
     * the filtered axis, so the result is unchanged), one progress line each. A block along it reads a window that
     * neighbouring blocks overwrite: the window is copied (gathered, when it wraps) into private memory and the
     * copy reported, the copy filtered, and only when the parent has released all workers — so every worker has its
     * copy — is the block's core written back. The result equals filtering the whole array, race-free by
     * construction: no sample is written before every worker has read it.
     */
    public static void filterBlock(NdArray array, int filteredAxis, Block block, Consumer<NdArray> filter,
                                   WorkerChannel channel) throws IOException {
        WorkerTestHooks.beforeFiltering(block);
        if (block.axis() != filteredAxis) {
            filterInChunks(array, block, filter, channel);
        } else if (block.count() == 1) {
            filter.accept(array); // the whole line: nothing to share
            channel.progress(1, 1);
            WorkerTestHooks.afterChunk(block, channel);
        } else {
            NdArray window = block.wrapped() ? block.gatherWindow(array) : block.window(array).copy();
            channel.reportRead();
            filter.accept(window);
            channel.progress(1, 2);
            WorkerTestHooks.afterChunk(block, channel);
            channel.awaitRelease();
            block.core(array).copyFrom(block.coreOfWindow(window));
            channel.progress(2, 2);
        }
    }

    private static void filterInChunks(NdArray array, Block block, Consumer<NdArray> filter, WorkerChannel channel) {
        long extent = block.size();
        int chunks = (int) Math.max(1, Math.min(CHUNKS, extent));
        for (int c = 0; c < chunks; c++) {
            long start = block.start() + extent * c / chunks;
            long stop = block.start() + extent * (c + 1) / chunks;
            filter.accept(array.slice(block.axis(), start, stop));
            channel.progress(c + 1, chunks);
            WorkerTestHooks.afterChunk(block, channel);
        }
    }
}
