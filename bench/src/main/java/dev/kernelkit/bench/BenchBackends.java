package dev.kernelkit.bench;

import dev.kernelkit.panama.PanamaBackend;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.util.ArrayList;
import java.util.List;

/**
 * The backends the benchmarks compare: every library backend that loads ({@link Backends#available()}: panama,
 * jna, java; a new one joins by itself when registered there) plus the bench-only Vector API contender.
 * {@code bench/run-all} passes these live lists to JMH, so the {@code @Param} defaults in the benchmark classes only
 * matter for a hand-started run.
 */
public final class BenchBackends {
    private BenchBackends() {
    }

    /** Library backends that load here, then {@code vector}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Backend b : Backends.available()) {
            names.add(b.name());
        }
        names.add(VectorBackend.NAME);
        return names;
    }

    /**
     * The {@code backend:memory} paths of {@link CallOverheadBenchmark}: panama off-heap, critical and copy, then every
     * other backend on the heap.
     */
    public static List<String> overheadPaths() {
        List<String> paths = new ArrayList<>();
        for (String name : names()) {
            if (name.equals(PanamaBackend.NAME)) {
                paths.addAll(List.of(name + ":offheap", name + ":critical", name + ":copy"));
            } else {
                paths.add(name + ":heap");
            }
        }
        return paths;
    }

    /** The backend with this name (a library backend or {@code vector}). */
    public static Backend get(String name) {
        return VectorBackend.NAME.equals(name) ? new VectorBackend() : Backends.get(name);
    }

    /**
     * Prints the names comma-separated, for {@code bench/run-all}'s {@code -p backend=...}; with the argument
     * {@code paths}, the overhead benchmark's paths instead.
     */
    public static void main(String[] args) {
        boolean paths = args.length == 1 && args[0].equals("paths");
        if (args.length > 0 && !paths) {
            System.err.println("usage: BenchBackends [paths]");
            System.exit(2);
        }
        System.out.println(String.join(",", paths ? overheadPaths() : names()));
    }
}
