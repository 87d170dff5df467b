package dev.kernelkit.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders a run's results (see {@link Results}) into a Markdown report and PNG charts:
 * {@code ReportMain RESULTS_DIR REPORT.md CHARTS_DIR}. Every section is optional: a benchmark that did not run is
 * left out. Ratios are computed between points of the same run.
 */
public final class ReportMain {
    static final String HEADLINE = "HeadlineBenchmark";
    static final String OVERHEAD = "CallOverheadBenchmark";
    static final String KERNEL = "KernelLengthBenchmark";
    static final String MEMORY = "MemoryKindBenchmark";
    static final String OVERSUB = "OversubscriptionBenchmark";
    /** The reference every ratio is taken against: the native backend. */
    static final String BASE = "panama";
    /** Written by bench/processes-vs-threads, one file per date: the newest is shown. */
    static final String PROCESSES_PREFIX = "processes-vs-threads-";
    /** Written by bench/run-all: the load averages before and after the run, one line each. */
    static final String LOAD_FILE = "load.txt";

    private ReportMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ReportMain RESULTS_DIR REPORT.md CHARTS_DIR");
            System.exit(2);
        }
        render(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Machine.describe());
        System.out.println("wrote " + args[1] + " and charts in " + args[2]);
    }

    /** Writes the report and the charts; {@code machine} is the Markdown bullet list describing the machine. */
    public static void render(Path results, Path report, Path chartDir, String machine) throws IOException {
        Results r = Results.read(results);
        Files.createDirectories(chartDir);
        String charts = report.toAbsolutePath().getParent().relativize(chartDir.toAbsolutePath()).toString();
        StringBuilder md = new StringBuilder();
        md.append(Texts.INTRO).append("\n## Machine\n\n").append(machine);
        Path load = results.resolve(LOAD_FILE);
        if (Files.exists(load)) {
            md.append("- load average (1, 5, 15 min) at the start and end of the run: ")
                    .append(String.join(" / ", Files.readAllLines(load))).append('\n');
        }
        r.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        md.append('\n').append(Texts.READING);
        headline(r, md, chartDir, charts);
        overhead(r, md, chartDir, charts);
        kernel(r, md, chartDir, charts);
        memory(r, md);
        oversubscription(r, md);
        processesVsThreads(results, md);
        md.append(Texts.PENDING);
        if (r.jmh(HEADLINE, p -> p.param("backend").equals("jna")).isEmpty()) {
            md.append(Texts.PENDING_JNA);
        }
        Files.writeString(report, md.toString());
    }

    private static void headline(Results r, StringBuilder md, Path chartDir, String charts) throws IOException {
        List<Point> pts = r.jmh(HEADLINE, p -> true);
        if (pts.isEmpty()) {
            return;
        }
        String unit = pts.get(0).unit();
        Grid g = new Grid("layout, threads").add(pts, ReportMain::layoutThreads, p -> p.param("backend"));
        for (String layout : r.values(HEADLINE, "layout")) {
            r.scipy(HEADLINE, Map.of("layout", layout), unit).ifPresent(p -> g.put(layout + ", 1", "scipy", p));
        }
        md.append(Texts.HEADLINE).append(g.markdown(unit, BASE)).append('\n');
        List<Charts.Series> series = new ArrayList<>();
        List<String> backends = new ArrayList<>(r.values(HEADLINE, "backend"));
        backends.add("scipy"); // one point, at 1 thread
        for (String layout : r.values(HEADLINE, "layout")) {
            for (String backend : backends) {
                series.add(speedup(backend + " (" + layout + ")", g, r.values(HEADLINE, "threads"),
                        t -> layout + ", " + t, backend, t -> g.get(layout + ", 1", "java")));
            }
        }
        Charts.write(chartDir.resolve("speedup_vs_threads.png"),
                "Headline Gaussian sigma=40: speed-up over pure Java at 1 thread", "threads", "speed-up (x)", false,
                false, series);
        md.append("![speed-up vs threads](").append(charts).append("/speedup_vs_threads.png)\n\n");
    }

    /**
     * A chart line: for each x (a parameter value) whose row has both a point in {@code column} and a reference
     * point, (x, reference median / point median), the speed-up over the reference.
     */
    private static Charts.Series speedup(String name, Grid g, List<String> xs, Function<String, String> row,
                                         String column, Function<String, Optional<Point>> reference) {
        List<double[]> xy = new ArrayList<>();
        for (String x : xs) {
            Optional<Point> p = g.get(row.apply(x), column);
            Optional<Point> ref = reference.apply(x);
            if (p.isPresent() && ref.isPresent()) {
                xy.add(new double[] {Double.parseDouble(x), ref.get().median() / p.get().median()});
            }
        }
        return new Charts.Series(name, xy);
    }

    private static String layoutThreads(Point p) {
        return p.param("layout") + ", " + p.param("threads");
    }

    private static void overhead(Results r, StringBuilder md, Path chartDir, String charts) throws IOException {
        List<Point> pts = r.jmh(OVERHEAD, p -> true);
        if (pts.isEmpty()) {
            return;
        }
        String unit = pts.get(0).unit();
        Grid g = new Grid("samples").add(pts, p -> p.param("samples"), p -> p.param("path"));
        List<String> sizes = r.values(OVERHEAD, "samples");
        for (String n : sizes) {
            r.scipy(OVERHEAD, Map.of("samples", n), unit).ifPresent(p -> g.put(n, "scipy", p));
        }
        md.append(Texts.OVERHEAD).append(g.markdown(unit, BASE + ":offheap")).append('\n');
        List<String> paths = new ArrayList<>(r.values(OVERHEAD, "path"));
        paths.add("scipy");
        List<Charts.Series> perCall = new ArrayList<>();
        List<Charts.Series> speedup = new ArrayList<>();
        for (String path : paths) {
            List<double[]> time = new ArrayList<>();
            for (String n : sizes) {
                g.get(n, path).ifPresent(q -> time.add(new double[] {Double.parseDouble(n), q.median()}));
            }
            perCall.add(new Charts.Series(path, time));
            if (!path.equals("java:heap")) {
                speedup.add(speedup(path, g, sizes, n -> n, path, n -> g.get(n, "java:heap")));
            }
        }
        Charts.write(chartDir.resolve("overhead_per_call.png"), "3-tap correlate1d, one thread: time per call",
                "samples per call", unit.replace("/op", " per call"), true, true, perCall);
        Charts.write(chartDir.resolve("speedup_vs_size.png"), "3-tap correlate1d: speed-up over pure Java (heap)",
                "samples per call", "speed-up (x)", true, true, speedup);
        md.append("![time per call](").append(charts).append("/overhead_per_call.png)\n\n");
        md.append("![speed-up vs size](").append(charts).append("/speedup_vs_size.png)\n\n");
    }

    private static void kernel(Results r, StringBuilder md, Path chartDir, String charts) throws IOException {
        List<Point> pts = r.jmh(KERNEL, p -> true);
        if (pts.isEmpty()) {
            return;
        }
        String unit = pts.get(0).unit();
        Grid g = new Grid("taps (method)").add(pts, ReportMain::tapsMethod, p -> p.param("backend"));
        List<String> taps = r.values(KERNEL, "taps");
        for (Point p : pts) {
            r.scipy(KERNEL, Map.of("taps", p.param("taps")), unit).ifPresent(s -> g.put(tapsMethod(p), "scipy", s));
        }
        md.append(Texts.KERNEL).append(g.markdown(unit, BASE)).append('\n');
        List<String> backends = new ArrayList<>(r.values(KERNEL, "backend"));
        backends.add("scipy");
        List<Charts.Series> series = new ArrayList<>();
        for (String method : r.values(KERNEL, "method")) {
            for (String b : backends) {
                if (!b.equals("java")) {
                    series.add(speedup(b + " " + method, g, taps, k -> k + " (" + method + ")", b,
                            k -> g.get(k + " (" + method + ")", "java")));
                }
            }
        }
        Charts.write(chartDir.resolve("speedup_vs_kernel_length.png"), "correlate1d 10 x 100 000, one thread: "
                + "speed-up over pure Java", "kernel length K (taps)", "speed-up (x)", true, false, series);
        md.append("![speed-up vs kernel length](").append(charts).append("/speedup_vs_kernel_length.png)\n\n");
    }

    private static String tapsMethod(Point p) {
        return p.param("taps") + " (" + p.param("method") + ")";
    }

    private static void memory(Results r, StringBuilder md) {
        List<Point> pts = r.jmh(MEMORY, p -> true);
        if (pts.isEmpty()) {
            return;
        }
        Grid g = new Grid("memory").add(pts, p -> p.param("memory"), p -> p.param("backend"));
        md.append(Texts.MEMORY).append(g.markdown(pts.get(0).unit(), BASE)).append('\n');
    }

    private static void oversubscription(Results r, StringBuilder md) {
        List<Point> pts = r.jmh(OVERSUB, p -> true);
        if (pts.isEmpty()) {
            return;
        }
        Grid g = new Grid("Java threads k × native threads n (total)").add(pts, p -> {
            int k = Integer.parseInt(p.param("javaThreads"));
            int n = Integer.parseInt(p.param("nativeThreads"));
            return k + " × " + n + " (" + k * n + ")";
        }, p -> p.param("backend"));
        md.append(Texts.OVERSUB).append(g.markdown(pts.get(0).unit(), BASE)).append('\n');
    }

    /** The newest processes-vs-threads result (its own run, with its own machine line), as written. */
    private static void processesVsThreads(Path results, StringBuilder md) throws IOException {
        Optional<Path> newest;
        try (var files = Files.list(results)) {
            newest = files.filter(f -> f.getFileName().toString().startsWith(PROCESSES_PREFIX)
                    && f.getFileName().toString().endsWith(".txt")).max(Path::compareTo);
        }
        if (newest.isPresent()) {
            md.append(Texts.PROCESSES).append("\n`bench/results/").append(newest.get().getFileName()).append("`:\n\n")
                    .append(Files.readString(newest.get()).strip()).append("\n\n").append(Texts.PROCESSES_WHY)
                    .append('\n');
        }
    }
}
