package dev.kernelkit.shm;

import dev.kernelkit.parallel.Block;

/**
 * Faults the worker tests inject through system properties (a parent passes every {@code kernelkit.*} property on to
 * its workers); without them set, these do nothing.
 *
 * <ul>
 *   <li>{@value #HANG}{@code =INDEX}: the worker of block INDEX stops its heartbeat after its first chunk and never
 *       returns — alive but silent, as a stopped or stuck JVM.</li>
 *   <li>{@value #PAUSE}{@code =INDEX:MILLIS}: the worker of block INDEX waits this long before it reads its block,
 *       heartbeats still running — a long block that must not be taken for a hung one, or a worker that reads
 *       late while its neighbours would already write.</li>
 * </ul>
 */
final class WorkerTestHooks {
    static final String HANG = "kernelkit.test.hangWorker";
    static final String PAUSE = "kernelkit.test.pauseWorker";

    private WorkerTestHooks() {
    }

    static void beforeFiltering(Block block) {
        String[] pause = System.getProperty(PAUSE, "-1:0").split(":");
        if (Integer.parseInt(pause[0]) == block.index()) {
            sleep(Long.parseLong(pause[1]));
        }
    }

    static void afterChunk(Block block, WorkerChannel channel) {
        if (Integer.getInteger(HANG, -1) == block.index()) {
            try {
                channel.stopHeartbeat();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sleep(Long.MAX_VALUE);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
