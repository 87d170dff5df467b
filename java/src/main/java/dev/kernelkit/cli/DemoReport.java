package dev.kernelkit.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Prints the demo's outcome as a table for people or as one JSON object for programs. */
final class DemoReport {
    private DemoReport() {
    }

    static void printTable(PrintWriter out, DemoWorkload w, DemoBenchmark.Outcome outcome,
                           Map<String, String> unavailable) {
        out.printf(Locale.ROOT, "Gaussian filter, sigma %s (%d taps), along axis %d (samples)%n",
                w.sigma(), w.taps(), DemoWorkload.AXIS);
        out.printf(Locale.ROOT, "data: %d channels x %d samples %s (%.0f MB), synthesised in memory%n",
                w.channels(), w.samples(), w.dtype().numpyName(), w.bytes() / 1e6);
        out.printf(Locale.ROOT, "timing: median of %d runs after a warm-up%n", DemoBenchmark.TIMED_RUNS);
        out.printf("method: %s%n", outcome.results().stream().map(DemoBenchmark.Result::backend).distinct()
                .map(b -> b + " " + outcome.methodOn(b, w)).collect(java.util.stream.Collectors.joining(", ")));
        unavailable.forEach((name, reason) -> out.printf("backend %s unavailable: %s%n", name, reason));
        out.println();
        OptionalDouble baseline = outcome.javaSingleThreadSeconds();
        out.printf(Locale.ROOT, "%-8s %7s %10s %20s %12s%n", "backend", "threads", "median s", "speed-up vs java 1t",
                "max |diff|");
        for (DemoBenchmark.Result r : outcome.results()) {
            String speedup = baseline.isPresent()
                    ? String.format(Locale.ROOT, "%.2fx", baseline.getAsDouble() / r.seconds()) : "-";
            out.printf(Locale.ROOT, "%-8s %7d %10.4f %20s %12.3e%n", r.backend(), r.threads(), r.seconds(), speedup,
                    r.maxAbsDiff());
        }
        out.println();
        out.printf(Locale.ROOT, "max |diff| is against the first result; allowed %.3e (1e-12 x max |result|)%n",
                outcome.tolerance());
        out.flush();
    }

    static void printJson(PrintWriter out, DemoWorkload w, DemoBenchmark.Outcome outcome,
                          Map<String, String> unavailable) {
        StringBuilder s = new StringBuilder(512);
        s.append("{\"workload\": {")
                .append("\"size\": ").append(Json.string(w.size()))
                .append(", \"channels\": ").append(w.channels())
                .append(", \"samples\": ").append(w.samples())
                .append(", \"dtype\": ").append(Json.string(w.dtype().numpyName()))
                .append(", \"sigma\": ").append(Json.number(w.sigma()))
                .append(", \"axis\": ").append(DemoWorkload.AXIS)
                .append(", \"taps\": ").append(w.taps())
                .append(", \"timed_runs\": ").append(DemoBenchmark.TIMED_RUNS)
                .append("}, \"results\": [");
        OptionalDouble baseline = outcome.javaSingleThreadSeconds();
        String sep = "";
        for (DemoBenchmark.Result r : outcome.results()) {
            s.append(sep).append("{\"backend\": ").append(Json.string(r.backend()))
                    .append(", \"threads\": ").append(r.threads())
                    .append(", \"method\": ").append(Json.string(outcome.methodOn(r.backend(), w)))
                    .append(", \"seconds\": ").append(Json.number(r.seconds()))
                    .append(", \"speedup_vs_java_1t\": ")
                    .append(baseline.isPresent() ? Json.number(baseline.getAsDouble() / r.seconds()) : "null")
                    .append(", \"max_abs_diff\": ").append(Json.number(r.maxAbsDiff()))
                    .append('}');
            sep = ", ";
        }
        s.append("], \"tolerance\": ").append(Json.number(outcome.tolerance()))
                .append(", \"agree\": ").append(outcome.firstDisagreement() == null)
                .append(", \"unavailable\": [");
        sep = "";
        for (Map.Entry<String, String> e : unavailable.entrySet()) {
            s.append(sep).append("{\"backend\": ").append(Json.string(e.getKey()))
                    .append(", \"reason\": ").append(Json.string(e.getValue())).append('}');
            sep = ", ";
        }
        s.append("]}");
        out.println(s);
        out.flush();
    }
}
