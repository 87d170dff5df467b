package dev.kernelkit.shm;

/** A worker process failed or was killed: which block it had, its exit status and the last line it printed. */
public final class WorkerFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Block block;
    private final int exitStatus;

    WorkerFailedException(Block block, int exitStatus, String lastError) {
        super("worker for " + block + " failed with exit status " + exitStatus + describe(exitStatus)
                + (lastError == null || lastError.isBlank() ? "" : ": " + lastError.strip()));
        this.block = block;
        this.exitStatus = exitStatus;
    }

    public Block block() {
        return block;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** The JDK reports a process killed by signal s as exit status 128 + s. */
    private static String describe(int status) {
        return status > 128 && status < 160 ? " (killed by signal " + (status - 128) + ")" : "";
    }
}
