package dev.kernelkit.shm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The worker side of the pipes to the parent ({@link WorkerProcesses}): progress lines and heartbeats on stdout, and
 * the read/release handshake of blocks with halos (stdout, then stdin).
 *
 * <p>Heartbeats come from a daemon thread, so a block that spends minutes in one native call still shows the parent
 * that its JVM is alive; what stops them is a JVM that no longer runs (stopped, stuck at a safepoint, swapped out) or
 * a worker that closed its channel. That is the hang the parent's silence limit detects; a native kernel that loops
 * forever while the JVM runs is not (it is bounded by the input size, so it would be a bug, not a hang).
 */
public final class WorkerChannel implements AutoCloseable {
    static final String PROGRESS = "kernelkit-worker-progress ";
    static final String HEARTBEAT = "kernelkit-worker-heartbeat";
    static final String READ = "kernelkit-worker-read";
    static final String RELEASE = "kernelkit-worker-release";

    /** Heartbeats come five times per silence limit, but at least once a second (a line costs microseconds). */
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    private final PrintWriter out;
    private final InputStream in;
    private final Thread heartbeat;

    private WorkerChannel(PrintWriter out, InputStream in, Duration interval) {
        this.out = out;
        this.in = in;
        this.heartbeat = Thread.ofPlatform().daemon().name("kernelkit-worker-heartbeat").unstarted(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    send(HEARTBEAT);
                    Thread.sleep(interval);
                }
            } catch (InterruptedException stopped) {
                // close() or a test hook stopped the heartbeat
            }
        });
    }

    /**
     * Opens the channel on this worker's stdout and stdin and starts heartbeats, five per {@code silenceLimit} (the
     * parent's {@code --worker-timeout}; zero means none) but at most one a second.
     */
    public static WorkerChannel open(PrintWriter out, InputStream in, Duration silenceLimit) {
        Duration interval = silenceLimit.isZero() ? MAX_INTERVAL : silenceLimit.dividedBy(5);
        interval = interval.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL
                : interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval;
        WorkerChannel channel = new WorkerChannel(out, in, interval);
        channel.heartbeat.start();
        return channel;
    }

    /** Reports that {@code done} of {@code total} chunks of this worker's block are filtered. */
    public void progress(long done, long total) {
        send(PROGRESS + done + " " + total);
    }

    /**
     * Tells the parent that this worker has copied everything it reads from the shared segment. The parent releases
     * the workers to write when it has heard this from every one ({@link #awaitRelease()}).
     */
    public void reportRead() {
        send(READ);
    }

    /**
     * Returns when the parent has released the workers to write: from then on, writing into the segment cannot
     * overwrite samples another worker still has to read.
     */
    public void awaitRelease() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line = reader.readLine();
        if (!RELEASE.equals(line)) {
            throw new IOException("worker: expected the parent's release, got " + (line == null ? "end of input"
                    : "'" + line + "'"));
        }
    }

    /** Stops the heartbeats (for the hung-worker test hook; {@link #close()} otherwise). */
    void stopHeartbeat() throws InterruptedException {
        heartbeat.interrupt();
        heartbeat.join();
    }

    private void send(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            stopHeartbeat();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses a progress line into {done, total}, or null when the line is something else. */
    static long[] parseProgress(String line) {
        if (!line.startsWith(PROGRESS)) {
            return null;
        }
        String[] parts = line.substring(PROGRESS.length()).trim().split(" ");
        try {
            return parts.length == 2 ? new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
