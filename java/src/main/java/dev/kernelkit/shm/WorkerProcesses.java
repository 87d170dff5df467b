package dev.kernelkit.shm;

import dev.kernelkit.parallel.Block;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs one worker JVM per block — the same java binary and class path as this process, with native access enabled —
 * and waits for all of them. Workers attach to a shared segment by name and filter their block in place; they are
 * openers, so whatever happens to them, the segment's owner (this process) unlinks it.
 *
 * <p>Progress lines and heartbeats from a worker's stdout ({@link WorkerChannel}) reach the {@link Listener}; its
 * stderr is kept to name the cause of a failure. When a worker exits with a non-zero status (or is killed), or stays
 * alive but sends nothing for longer than the silence limit (then this process kills it), the others are killed at
 * once and {@link WorkerFailedException} names the block and the reason; nothing waits on a dead or hung worker.
 *
 * <p>Workers that filter along the filtered axis read halos their neighbours overwrite: each reports when it has
 * copied what it reads, and all are released to write (a line on their stdin) only when every one has.
 */
public final class WorkerProcesses {
    /**
     * Before its first line a worker is still starting its JVM, which a loaded machine can slow to seconds: the
     * silence limit is at least this long until then.
     */
    static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(30);

    /** Receives progress from the workers (called from reader threads, one per worker). */
    @FunctionalInterface
    public interface Listener {
        void progress(Block block, long done, long total);
    }

    private WorkerProcesses() {
    }

    /**
     * Starts a worker per block running {@code mainClass} with the arguments {@code arguments} gives for the block and
     * the per-worker thread count, waits for all, and throws for the first that fails or is silent for longer than
     * {@code silenceLimit} (zero: no limit).
     */
    public static void run(List<Block> blocks, String mainClass, BiFunction<Block, Integer, List<String>> arguments,
                           Listener listener, Duration silenceLimit)
            throws IOException, WorkerFailedException, InterruptedException {
        if (silenceLimit.isNegative()) {
            throw new IllegalArgumentException("silenceLimit: " + silenceLimit + " must be >= 0");
        }
        List<Worker> workers = new ArrayList<>();
        Barrier barrier = new Barrier(workers, blocks.size());
        // If this JVM is stopped (Ctrl-C, SIGTERM), the workers stop with it instead of running on unobserved.
        Thread stopWorkers = new Thread(() -> stopAll(workers), "kernelkit-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        try {
            for (Block block : blocks) {
                ProcessBuilder pb = new ProcessBuilder();
                int threads = WorkerEnvironment.apply(pb.environment(), blocks.size());
                List<String> command = new ArrayList<>(javaCommand());
                command.add(mainClass);
                command.addAll(arguments.apply(block, threads));
                synchronized (workers) {
                    workers.add(new Worker(block, pb.command(command).start(), listener, barrier));
                }
            }
            await(workers, silenceLimit);
        } catch (ExecutionException e) {
            throw new IOException("waiting for worker processes failed", e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and stops them
            }
            stopAll(workers);
            for (Worker w : workers) {
                w.process.waitFor();
            }
        }
    }

    /** Waits until every worker has exited with status 0; throws for the first that fails or is too long silent. */
    private static void await(List<Worker> workers, Duration silenceLimit)
            throws ExecutionException, InterruptedException, WorkerFailedException {
        List<Worker> running = new ArrayList<>(workers);
        long pollMillis = silenceLimit.isZero() ? 1000 : Math.clamp(silenceLimit.toMillis() / 10, 10, 250);
        while (!running.isEmpty()) {
            try {
                CompletableFuture.anyOf(running.stream().map(w -> w.process.onExit())
                        .toArray(CompletableFuture[]::new)).get(pollMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // check their silence below
            }
            for (var it = running.iterator(); it.hasNext(); ) {
                Worker w = it.next();
                if (!w.process.isAlive()) {
                    it.remove();
                    if (w.process.exitValue() != 0) {
                        w.stderr.get(); // the whole of stderr, for its last line
                        throw WorkerFailedException.exited(w.block, w.process.exitValue(), w.lastError);
                    }
                    w.stdout.get(); // all of its progress delivered
                } else if (!silenceLimit.isZero() && w.silentFor().compareTo(w.allowance(silenceLimit)) > 0) {
                    w.process.destroyForcibly();
                    throw WorkerFailedException.hung(w.block, w.process.waitFor(), silenceLimit);
                }
            }
        }
    }

    private static void stopAll(List<Worker> workers) {
        synchronized (workers) {
            workers.forEach(w -> w.process.destroyForcibly());
        }
    }

    /** One worker process, what it last said and when. */
    private static final class Worker {
        final Block block;
        final Process process;
        final CompletableFuture<Void> stdout;
        final CompletableFuture<Void> stderr;
        volatile long lastHeard = System.nanoTime();
        volatile boolean heard;
        volatile String lastError;

        Worker(Block block, Process process, Listener listener, Barrier barrier) {
            this.block = block;
            this.process = process;
            this.stdout = read(process.getInputStream(), line -> {
                lastHeard = System.nanoTime();
                heard = true;
                long[] progress = WorkerChannel.parseProgress(line);
                if (progress != null) {
                    listener.progress(block, progress[0], progress[1]);
                } else if (line.equals(WorkerChannel.READ)) {
                    barrier.arrived();
                }
            });
            this.stderr = read(process.getErrorStream(), line -> lastError = line);
        }

        Duration silentFor() {
            return Duration.ofNanos(System.nanoTime() - lastHeard);
        }

        Duration allowance(Duration silenceLimit) {
            return heard || silenceLimit.compareTo(STARTUP_ALLOWANCE) > 0 ? silenceLimit : STARTUP_ALLOWANCE;
        }

        void release() {
            try {
                OutputStream in = process.getOutputStream();
                in.write((WorkerChannel.RELEASE + "\n").getBytes(StandardCharsets.US_ASCII));
                in.flush();
            } catch (IOException e) {
                // it died meanwhile: its exit status says why
            }
        }
    }

    /** Releases all workers to write once every one has reported that it has read. */
    private static final class Barrier {
        private final List<Worker> workers;
        private final int parties;
        private int arrived;

        Barrier(List<Worker> workers, int parties) {
            this.workers = workers;
            this.parties = parties;
        }

        void arrived() {
            synchronized (workers) {
                if (++arrived == parties) {
                    workers.forEach(Worker::release);
                }
            }
        }
    }

    /**
     * The java binary, native access, {@code kernelkit.*} system properties and class path of this JVM: the start of
     * the command line of a child that runs the same code (add a main class and its arguments).
     */
    public static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        // Settings such as kernelkit.backend or a library override must hold in the workers too.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("kernelkit."))
                .sorted().forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }

    private static CompletableFuture<Void> read(InputStream stream, Consumer<String> lines) {
        return CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the worker's pipe closed abruptly (killed): its exit status says what happened
            }
        }, runnable -> Thread.ofPlatform().daemon().name("kernelkit-worker-output").start(runnable));
    }
}
