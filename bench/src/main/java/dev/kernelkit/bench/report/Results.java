package dev.kernelkit.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Everything one run measured: the points of every JMH JSON file in a directory (JMH's {@code -rf json} format) and,
 * when present, SciPy's timings from {@code scipy.json} (written by tools/bench_scipy.py), tagged as backend
 * {@code scipy} and converted to the unit of the JMH benchmark they mirror.
 */
public final class Results {
    /** The SciPy timing file's name inside the results directory. */
    public static final String SCIPY_FILE = "scipy.json";

    private final List<Point> jmh = new ArrayList<>();
    private final List<Point> scipy = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    /** Reads every {@code *.json} in {@code directory}. */
    public static Results read(Path directory) throws IOException {
        Results r = new Results();
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonElement root = JsonParser.parseString(Files.readString(f));
            if (f.getFileName().toString().equals(SCIPY_FILE)) {
                r.readScipy(root.getAsJsonObject());
            } else {
                r.readJmh(root.getAsJsonArray(), f);
            }
        }
        if (r.jmh.isEmpty()) {
            throw new IOException("results: no JMH measurements in " + directory + " (run bench/run-all first)");
        }
        return r;
    }

    private void readJmh(JsonArray runs, Path file) throws IOException {
        for (JsonElement e : runs) {
            JsonObject run = e.getAsJsonObject();
            String name = run.get("benchmark").getAsString();
            String className = name.substring(0, name.lastIndexOf('.'));
            String simple = className.substring(className.lastIndexOf('.') + 1);
            Map<String, String> params = new HashMap<>();
            if (run.has("params")) {
                run.getAsJsonObject("params").entrySet()
                        .forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            }
            JsonObject metric = run.getAsJsonObject("primaryMetric");
            List<Double> values = new ArrayList<>();
            for (JsonElement fork : metric.getAsJsonArray("rawData")) {
                fork.getAsJsonArray().forEach(v -> values.add(v.getAsDouble()));
            }
            if (values.isEmpty()) {
                throw new IOException("results: " + file + ": " + name + " has no rawData");
            }
            jmh.add(new Point(simple, params, values.stream().mapToDouble(Double::doubleValue).toArray(),
                    metric.get("scoreUnit").getAsString()));
            environment.putIfAbsent("jdk", run.get("jdkVersion").getAsString() + " (" + run.get("vmName").getAsString()
                    + " " + run.get("vmVersion").getAsString() + ")");
            environment.putIfAbsent("jmh", run.get("jmhVersion").getAsString());
        }
    }

    private void readScipy(JsonObject root) {
        root.getAsJsonObject("environment").entrySet()
                .forEach(e -> environment.put(e.getKey(), e.getValue().getAsString()));
        for (JsonElement e : root.getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            Map<String, String> params = new HashMap<>();
            r.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            params.put("backend", "scipy");
            List<Double> runs = new ArrayList<>();
            r.getAsJsonArray("runs_s").forEach(v -> runs.add(v.getAsDouble()));
            scipy.add(new Point(r.get("benchmark").getAsString(), params,
                    runs.stream().mapToDouble(Double::doubleValue).toArray(), "s/op"));
        }
    }

    /** JMH points of one benchmark class that pass {@code filter}. */
    public List<Point> jmh(String benchmark, Predicate<Point> filter) {
        return jmh.stream().filter(p -> p.benchmark().equals(benchmark) && filter.test(p)).toList();
    }

    /** The SciPy point of a benchmark whose parameters match {@code params}, converted to {@code unit}. */
    public Optional<Point> scipy(String benchmark, Map<String, String> params, String unit) {
        return scipy.stream()
                .filter(p -> p.benchmark().equals(benchmark)
                        && params.entrySet().stream().allMatch(e -> e.getValue().equals(p.param(e.getKey()))))
                .findFirst()
                .map(p -> {
                    double scale = Units.perSecond(unit);
                    double[] converted = new double[p.samples().length];
                    for (int i = 0; i < converted.length; i++) {
                        converted[i] = p.samples()[i] * scale;
                    }
                    return new Point(p.benchmark(), p.params(), converted, unit);
                });
    }

    /** What was recorded about the software: jdk, jmh, and python/numpy/scipy when SciPy ran. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** Distinct values of one parameter among a benchmark's JMH points, in first-seen order. */
    public List<String> values(String benchmark, String param) {
        return jmh(benchmark, p -> true).stream().map(p -> p.param(param)).distinct().toList();
    }
}
