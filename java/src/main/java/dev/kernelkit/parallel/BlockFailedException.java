package dev.kernelkit.parallel;

/** The first block that failed in a parallel run: its index and, as the cause, what it threw. */
public final class BlockFailedException extends RuntimeException {
    private final int blockIndex;
    private final int blockCount;

    BlockFailedException(Block block, Throwable cause) {
        super(block + " failed: " + cause, cause);
        this.blockIndex = block.index();
        this.blockCount = block.count();
    }

    /** 0-based index of the failed block. */
    public int blockIndex() {
        return blockIndex;
    }

    /** Number of blocks in the run. */
    public int blockCount() {
        return blockCount;
    }
}
