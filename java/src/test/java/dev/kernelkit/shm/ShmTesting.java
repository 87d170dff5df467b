package dev.kernelkit.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** Helpers shared by the shared-memory tests. */
final class ShmTesting {
    static final Path DEV_SHM = Path.of("/dev/shm");

    private ShmTesting() {
    }

    /** A fresh name no other test (or run) uses. */
    static String uniqueName(String what) {
        return "kk_test_" + what + "_" + ProcessHandle.current().pid() + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /**
     * Names under /dev/shm (Linux) that this JVM may have made: its tests' names and the CLI's temporary ones both
     * carry its pid, so builds running beside this one cannot disturb the leak checks.
     */
    static Set<String> devShmNames() throws IOException {
        String pid = "_" + ProcessHandle.current().pid() + "_";
        try (Stream<Path> s = Files.list(DEV_SHM)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(pid)).toList());
        }
    }

    static void unlinkIfExists(String name) {
        if (SharedSegment.exists(name)) {
            SharedSegment.unlink(name);
        }
    }

    /**
     * After a failed run: no worker still running, no segment of this JVM's beyond {@code before}, and only
     * {@code files} in {@code dir} (no output or temporary file).
     */
    static void assertNothingLeftBehind(Set<String> before, Path dir, Path... files) throws IOException {
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "no worker left running");
        assertEquals(before, devShmNames(), "no shared memory segment left");
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(Set.of(files), Set.copyOf(list.toList()), "no output or temporary file left");
        }
    }

    /** Runs {@code body} with a system property set, which workers inherit (see WorkerTestHooks). */
    static <T> T withProperty(String key, String value, java.util.function.Supplier<T> body) {
        System.setProperty(key, value);
        try {
            return body.get();
        } finally {
            System.clearProperty(key);
        }
    }

    /** A child JVM running {@code mainClass} of the test class path; returns its exit status and output. */
    static ChildResult runJava(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(WorkerProcesses.javaCommand());
        command.add(mainClass.getName());
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new ChildResult(p.waitFor(), out);
    }

    record ChildResult(int exit, String output) {
    }
}
