package dev.kernelkit.parallel;

import dev.kernelkit.NdArray;

/** User code run on one block: {@code view} is the block's part of the array (a view sharing its memory). */
@FunctionalInterface
public interface BlockTask {
    void run(Block block, NdArray view) throws Exception;
}
