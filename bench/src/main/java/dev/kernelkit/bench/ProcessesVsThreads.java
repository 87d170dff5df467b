package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import dev.kernelkit.cli.Main;
import dev.kernelkit.shm.SharedNpy;
import dev.kernelkit.shm.SharedSegment;
import dev.kernelkit.shm.WorkerProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Processes against threads for one job: {@code kernelkit gaussian shm:X shm:X --sigma 40 --method direct} in place
 * on one shared-memory array, the same run, every variant once per round in a rotating order, medians over the
 * rounds.
 * Variants: threads in this (warm) JVM; {@code --processes N} started from this JVM (the workers are new JVMs);
 * both again as a new CLI JVM each (what a shell or Python caller pays); a JVM that only prints its version (the
 * start-up every process pays); and SciPy filtering the same segment from Python, when it is installed. Every
 * kernelkit run's result is checked bit for bit against one thread in this JVM.
 *
 * <p>Usage: {@code bench/run --main dev.kernelkit.bench.ProcessesVsThreads ROOT [ROWS COLS ROUNDS]} (ROOT: the
 * checkout, for {@code examples/kernelkit_shm.py}); {@code bench/processes-vs-threads} runs it and keeps the output
 * in {@code bench/results/}.
 */
public final class ProcessesVsThreads {
    private static final double SIGMA = 40;

    /** One way of running the job; returns seconds (its own measurement when the timer is elsewhere, e.g. SciPy). */
    @FunctionalInterface
    private interface Variant {
        double run() throws Exception;
    }

    private ProcessesVsThreads() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 4) {
            System.err.println("usage: ProcessesVsThreads ROOT [ROWS COLS ROUNDS]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 64;
        long cols = args.length > 1 ? Long.parseLong(args[2]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[3]) : 7;
        int cores = Runtime.getRuntime().availableProcessors();
        String name = "kk_bench_pvt_" + ProcessHandle.current().pid();
        String shm = "shm:" + name;
        String n = Integer.toString(cores);
        String load = loadAverage();
        try (SharedSegment segment = SharedNpy.create(name, DType.F64, rows, cols); Arena arena = Arena.ofConfined()) {
            NdArray data = SharedNpy.array(segment);
            NdArray pristine = NdArray.allocate(DType.F64, arena, rows, cols);
            SyntheticData.fill(pristine, true);
            NdArray expected = NdArray.allocate(DType.F64, arena, rows, cols);
            Filters.gaussian1d(pristine, expected, SIGMA, FilterOptions.defaults().withThreads(1)
                    .withMethod(Method.DIRECT));

            // Direct summation, as SciPy: the same method however the job is split.
            String[] job = {"gaussian", shm, shm, "--sigma", Double.toString(SIGMA), "--method", "direct"};
            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put("1 thread, this JVM", () -> inThisJvm(job, "--threads", "1"));
            variants.put(n + " threads, this JVM", () -> inThisJvm(job, "--threads", n));
            variants.put(n + " processes, started from this JVM", () -> inThisJvm(job, "--processes", n));
            variants.put(n + " threads, new CLI JVM", () -> newJvm(job, "--threads", n));
            variants.put(n + " processes, new CLI JVM", () -> newJvm(job, "--processes", n));
            Map<String, Variant> references = new LinkedHashMap<>();
            references.put("JVM start-up only (kernelkit --version, new JVM)", () -> newJvm(new String[0],
                    "--version"));
            if (hasScipy()) {
                references.put("SciPy gaussian_filter1d on the segment (1 thread, timed in Python)",
                        () -> scipy(root, name, rows));
            }
            List<String> order = new ArrayList<>(variants.keySet());
            order.addAll(references.keySet());
            Map<String, List<Double>> times = new LinkedHashMap<>(); // printed in the order above
            order.forEach(label -> times.put(label, new ArrayList<>()));
            for (int round = -1; round < rounds; round++) { // round -1 warms up and is not recorded
                Collections.rotate(order, 1);
                for (String label : order) {
                    data.copyFrom(pristine);
                    boolean filters = variants.containsKey(label);
                    double seconds = (filters ? variants : references).get(label).run();
                    if (filters && data.spannedBytes().mismatch(expected.spannedBytes()) != -1) {
                        throw new IllegalStateException(label + ": result differs from one thread in this JVM");
                    }
                    if (round >= 0) {
                        times.get(label).add(seconds);
                    }
                }
            }
            print(times, n, rows, cols, cores, rounds, load + " / " + loadAverage());
        }
    }

    private static double inThisJvm(String[] job, String... extra) {
        var err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int exit = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), concat(job, extra));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("kernelkit " + String.join(" ", concat(job, extra)) + ": exit " + exit
                    + ": " + err.toString(StandardCharsets.UTF_8));
        }
        return seconds;
    }

    private static double newJvm(String[] job, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(WorkerProcesses.javaCommand());
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(concat(job, extra)));
        return timed(command);
    }

    private static double scipy(Path root, String name, long rows) throws IOException, InterruptedException {
        String script = String.join("\n",
                "import sys, time, numpy as np",
                "sys.path.insert(0, sys.argv[1])",
                "import kernelkit_shm",
                "from scipy import ndimage",
                "shm = kernelkit_shm.attach(sys.argv[2])",
                "v = kernelkit_shm.view(shm)",
                "out = np.empty_like(v)",
                "t = time.perf_counter()",
                "ndimage.gaussian_filter1d(v, " + SIGMA + ", axis=-1, output=out)",
                "print(time.perf_counter() - t)",
                "del v; shm.close()");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, root.resolve("examples").toString(), name)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("scipy: " + out);
        }
        return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** Wall time of a child process, which must exit 0. */
    private static double timed(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": exit " + exit + ": " + err);
        }
        return seconds;
    }

    private static boolean hasScipy() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import scipy")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void print(Map<String, List<Double>> times, String n, long rows, long cols, int cores,
                              int rounds, String load) {
        String reference = n + " threads, this JVM";
        double ref = median(times.get(reference));
        System.out.printf(Locale.ROOT, "- Gaussian sigma %.0f in place on one shared-memory array of %d x %d float64 "
                + "(%.0f MB), %d cores; %s, %s%n", SIGMA, rows, cols, rows * cols * 8 / 1e6, cores,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                LocalDate.now(ZoneOffset.UTC));
        System.out.printf(Locale.ROOT, "- %d rounds after one warm-up, every variant once per round in a rotating "
                + "order; load average (1, 5, 15 min) before / after: %s%n", rounds, load);
        System.out.printf(Locale.ROOT, "- processes minus threads (medians): %.2f s from this JVM, %.2f s as new CLI "
                + "JVMs; one JVM start-up alone: %.2f s%n%n",
                median(times.get(n + " processes, started from this JVM")) - ref,
                median(times.get(n + " processes, new CLI JVM")) - median(times.get(n + " threads, new CLI JVM")),
                median(times.get("JVM start-up only (kernelkit --version, new JVM)")));
        System.out.println("| variant | median s (min–max) | / " + reference + " |");
        System.out.println("|---|---|---|");
        times.forEach((label, ts) -> System.out.printf(Locale.ROOT, "| %s | %.3f (%.3f–%.3f) | ×%.2f |%n", label,
                median(ts), Collections.min(ts), Collections.max(ts), median(ts) / ref));
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
