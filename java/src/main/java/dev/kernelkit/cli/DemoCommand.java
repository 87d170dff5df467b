package dev.kernelkit.cli;

import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kernelkit demo}: the headline workload on synthetic data, on every available backend at 1..nproc threads,
 * with a check that all results agree. Exit status 1 if they do not.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Benchmark the headline workload: a Gaussian (sigma 40, 321 taps) along the samples of "
                + "100 channels x 400 000 float64 samples, synthesised in memory.",
                "Runs every available backend at 1..nproc threads (a warm-up, then the median of "
                        + DemoBenchmark.TIMED_RUNS + " runs) and checks that all results agree.",
                "--method picks direct summation, the FFT method, or auto (the default; the table shows what it "
                        + "chose)."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object instead of the table (and no progress).")
    boolean json;

    @Option(names = "--size", defaultValue = "full", paramLabel = "small|full",
            description = "full = 100 x 400 000 samples; small = 16 x 50 000, for a quick check "
                    + "(default: ${DEFAULT-VALUE}).")
    String size;

    @Mixin
    DiagnosticOptions diagnostics;

    @Mixin
    MethodOption method;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DemoWorkload workload = DemoWorkload.forSize(size);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> unavailable = BackendStatus.unavailable();
        List<Backend> backends = Backends.available();
        int[] threads = DemoBenchmark.threadCounts(Runtime.getRuntime().availableProcessors());
        if (!json) {
            unavailable.forEach((name, reason) -> err.printf("backend %s unavailable: %s%n", name, reason));
            err.printf(Locale.ROOT, "synthesising %d x %d %s...%n", workload.channels(), workload.samples(),
                    workload.dtype().numpyName());
            err.flush();
        }
        DemoBenchmark.Progress progress = (backend, t) -> {
            if (!json) {
                err.printf("running %s, %d thread%s...%n", backend, t, t == 1 ? "" : "s");
                err.flush();
            }
        };
        DemoBenchmark.Outcome outcome = DemoBenchmark.run(workload, backends, threads, method.value(), progress);
        if (json) {
            DemoReport.printJson(out, workload, outcome, unavailable);
        } else {
            DemoReport.printTable(out, workload, outcome, unavailable);
        }
        DemoBenchmark.Result bad = outcome.firstDisagreement();
        if (bad != null) {
            ErrorReporter.line(spec.commandLine(), String.format(Locale.ROOT,
                    "results disagree: %s with %d threads differs from the first result by %s (allowed %s)",
                    bad.backend(), bad.threads(), bad.maxAbsDiff(), outcome.tolerance()));
            return ErrorReporter.EXIT_UNEXPECTED;
        }
        return ErrorReporter.EXIT_OK;
    }
}
