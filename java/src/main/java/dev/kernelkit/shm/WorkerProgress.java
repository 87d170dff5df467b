package dev.kernelkit.shm;

import dev.kernelkit.NdArray;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * The worker side of progress reporting: a worker filters its block in a few chunks along the block's axis (still a
 * non-filtered axis, so the result is unchanged) and prints one line per chunk on its stdout, which the parent reads
 * (see {@link WorkerProcesses}).
 */
public final class WorkerProgress {
    /** Lines on a worker's stdout that start with this carry "done total". */
    static final String PREFIX = "kernelkit-worker-progress ";
    private static final int CHUNKS = 4;

    private WorkerProgress() {
    }

    /** Runs {@code filter} on chunks of {@code block}'s view of {@code array}, reporting each on {@code out}. */
    public static void filterInChunks(NdArray array, Block block, Consumer<NdArray> filter, PrintWriter out) {
        long extent = block.stop() - block.start();
        int chunks = (int) Math.max(1, Math.min(CHUNKS, extent));
        for (int c = 0; c < chunks; c++) {
            long start = block.start() + extent * c / chunks;
            long stop = block.start() + extent * (c + 1) / chunks;
            filter.accept(array.slice(block.axis(), start, stop));
            out.println(PREFIX + (c + 1) + " " + chunks);
            out.flush();
        }
    }

    /** Parses a progress line into {done, total}, or null when the line is something else. */
    static long[] parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ");
        try {
            return parts.length == 2 ? new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
