package dev.kernelkit.shm;

import dev.kernelkit.parallel.Block;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A worker process failed, was killed, or hung (was silent for longer than the silence limit, so the parent killed
 * it): which block it had, its exit status and why.
 */
public final class WorkerFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Block block;
    private final int exitStatus;
    private final boolean hung;

    private WorkerFailedException(Block block, int exitStatus, boolean hung, String message) {
        super(message);
        this.block = block;
        this.exitStatus = exitStatus;
        this.hung = hung;
    }

    /** The worker exited by itself with a non-zero status, or was killed by someone else. */
    static WorkerFailedException exited(Block block, int exitStatus, String lastError) {
        return new WorkerFailedException(block, exitStatus, false, "worker for " + WorkerBlocks.describe(block)
                + " failed with exit status " + exitStatus + describe(exitStatus)
                + (lastError == null || lastError.isBlank() ? "" : ": " + lastError.strip()));
    }

    /** The worker stayed alive but sent nothing for {@code silence}, so the parent killed it. */
    static WorkerFailedException hung(Block block, int exitStatus, Duration silence) {
        return new WorkerFailedException(block, exitStatus, true, "worker for " + WorkerBlocks.describe(block)
                + " hung: no progress or heartbeat for " + seconds(silence) + " s (--worker-timeout); killed");
    }

    public Block block() {
        return block;
    }

    /** The exit status; for a hung worker, the status of the kill. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Whether the parent killed the worker for its silence. */
    public boolean hung() {
        return hung;
    }

    /** The JDK reports a process killed by signal s as exit status 128 + s. */
    private static String describe(int status) {
        return status > 128 && status < 160 ? " (killed by signal " + (status - 128) + ")" : "";
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
