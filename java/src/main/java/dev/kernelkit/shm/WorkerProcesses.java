package dev.kernelkit.shm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs one worker JVM per block — the same java binary and class path as this process, with native access enabled —
 * and waits for all of them. Workers attach to a shared segment by name and filter their block in place; they are
 * openers, so whatever happens to them, the segment's owner (this process) unlinks it.
 *
 * <p>Progress lines from a worker's stdout reach the {@link Listener}; its stderr is kept to name the cause of a
 * failure. When a worker exits with a non-zero status (or is killed), the others are killed at once and
 * {@link WorkerFailedException} names the block and the status; nothing waits on a dead worker.
 */
public final class WorkerProcesses {
    /** Receives progress from the workers (called from reader threads, one per worker). */
    @FunctionalInterface
    public interface Listener {
        void progress(Block block, long done, long total);
    }

    private WorkerProcesses() {
    }

    /**
     * Starts a worker per block running {@code mainClass} with the arguments {@code arguments} gives for the block and
     * the per-worker thread count, waits for all, and throws for the first that fails.
     */
    public static void run(List<Block> blocks, String mainClass, BiFunction<Block, Integer, List<String>> arguments,
                           Listener listener) throws IOException, WorkerFailedException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<CompletableFuture<Void>> outputs = new ArrayList<>();
        List<AtomicReference<String>> lastErrors = new ArrayList<>();
        // If this JVM is stopped (Ctrl-C, SIGTERM), the workers stop with it instead of running on unobserved.
        Thread stopWorkers = new Thread(() -> processes.forEach(Process::destroyForcibly), "kernelkit-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        try {
            for (Block block : blocks) {
                ProcessBuilder pb = new ProcessBuilder();
                int threads = WorkerEnvironment.apply(pb.environment(), blocks.size());
                List<String> command = new ArrayList<>(javaCommand());
                command.add(mainClass);
                command.addAll(arguments.apply(block, threads));
                Process p = pb.command(command).start();
                processes.add(p);
                AtomicReference<String> lastError = new AtomicReference<>();
                lastErrors.add(lastError);
                outputs.add(read(p.getInputStream(), line -> {
                    long[] progress = WorkerProgress.parse(line);
                    if (progress != null) {
                        listener.progress(block, progress[0], progress[1]);
                    }
                }));
                outputs.add(read(p.getErrorStream(), lastError::set));
            }
            CompletableFuture<?>[] exits = processes.stream().map(Process::onExit).toArray(CompletableFuture[]::new);
            for (int remaining = processes.size(); remaining > 0; remaining--) {
                CompletableFuture.anyOf(pending(exits)).get();
                for (int i = 0; i < processes.size(); i++) {
                    Process p = processes.get(i);
                    if (exits[i] != null && !p.isAlive()) {
                        exits[i] = null;
                        if (p.exitValue() != 0) {
                            outputs.get(2 * i + 1).get(); // the whole of stderr, for its last line
                            throw new WorkerFailedException(blocks.get(i), p.exitValue(), lastErrors.get(i).get());
                        }
                        outputs.get(2 * i).get(); // all of its progress delivered
                        break;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IOException("waiting for worker processes failed", e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and stops them
            }
            for (Process p : processes) {
                p.destroyForcibly();
            }
            for (Process p : processes) {
                p.waitFor();
            }
        }
    }

    /** The java binary, options and class path of this JVM, for a child that runs the same code. */
    static List<String> javaCommand() {
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

    private static CompletableFuture<?>[] pending(CompletableFuture<?>[] exits) {
        return Arrays.stream(exits).filter(Objects::nonNull).toArray(CompletableFuture[]::new);
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
