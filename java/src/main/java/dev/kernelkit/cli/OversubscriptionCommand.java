package dev.kernelkit.cli;

import dev.kernelkit.threads.ThreadBudget;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kernelkit oversubscription}: what the thread budget buys. k Java threads call the native Gaussian at once
 * (the headline workload, 100 x 400 000 float64, sigma 40, method direct, shared among them, twice), alone and beside an OpenBLAS
 * GEMM, each scenario unguarded (every call asks for all cores; OpenBLAS at its default) and guarded (the budget),
 * printing times and the largest number of native threads seen running at once.
 */
@Command(name = "oversubscription", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run k concurrent callers of the native Gaussian (the headline workload shared among them), "
                + "alone and beside an OpenBLAS GEMM, unguarded (threads = all cores in every call) and with the "
                + "thread budget; print seconds and the most native threads seen running at once.",
                "Counted: threads of this process in state R (running or runnable) whose name starts with '"
                        + OversubscriptionRun.PREFIX + "' - the callers, their OpenMP teams, the GEMM thread and "
                        + "OpenBLAS's workers (native threads inherit their creator's name) - sampled about every "
                        + "millisecond from /proc/self/task (Linux; elsewhere reported as null)."})
final class OversubscriptionCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print {\"cores\", \"runs\": [{\"name\", \"guarded\", \"seconds\", "
            + "\"max_native_threads\"}]}.")
    boolean json;

    @Option(names = "--callers", paramLabel = "K", description = "Concurrent Java callers (default: 2 x cores).")
    Integer callers;

    @Option(names = "--channels", defaultValue = "100", paramLabel = "N",
            description = "Channels shared among the callers (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--samples", defaultValue = "400000", paramLabel = "N",
            description = "Samples per channel (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--repeats", defaultValue = "2", paramLabel = "N",
            description = "Gaussian calls per caller (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--gemms", defaultValue = "60", paramLabel = "N",
            description = "384 x 384 GEMMs run beside the callers (default: ${DEFAULT-VALUE}).")
    int gemms;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Rounds of the four scenarios, alternating which twin goes first; a round of a scenario "
                    + "is a sampled run and a timed run without the sampler; seconds are the median of the timed "
                    + "runs, max_native_threads the maximum of the sampled ones (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        int cores = ThreadBudget.global().cores();
        int k = callers == null ? 2 * cores : callers;
        check("--callers", k, 1, 256);
        check("--channels", channels, 1, 1_000_000);
        check("--samples", samples, 1, 100_000_000);
        check("--repeats", repeats, 1, 1000);
        check("--gemms", gemms, 0, 100_000);
        check("--rounds", rounds, 1, 100);
        if ((long) channels * samples > 200_000_000L) {
            throw new BadInputException("--samples: channels x samples must be <= 200 000 000");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<OversubscriptionRun.Result> results = new ArrayList<>();
        try (OversubscriptionRun.Data data = new OversubscriptionRun.Data(k, channels, samples, 40.0, repeats,
                gemms)) {
            data.prepareGemm();
            OversubscriptionRun.run("warm-up", true, true, data, false); // JIT, OpenMP, OpenBLAS pools; not reported
            List<List<OversubscriptionRun.Result>> byRun = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byRun.add(new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 4; i++) {
                    int run = round % 2 == 0 ? i : i ^ 1; // odd rounds run the guarded twin first
                    String name = run < 2 ? "gaussian" : "gaussian+gemm";
                    boolean guarded = run % 2 == 1;
                    if (!json) {
                        err.printf("round %d/%d: %s, %s...%n", round + 1, rounds, name,
                                guarded ? "guarded" : "unguarded");
                        err.flush();
                    }
                    byRun.get(run).add(OversubscriptionRun.round(name, guarded, run >= 2, data));
                }
            }
            byRun.forEach(r -> results.add(OversubscriptionRun.summary(r)));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(cores, results) + "\n" : table(cores, k, results));
        return ErrorReporter.EXIT_OK;
    }

    private static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BadInputException(option + ": " + value + " is out of range (allowed " + min + ".." + max + ")");
        }
    }

    static String json(int cores, List<OversubscriptionRun.Result> results) {
        return "{\"cores\": " + cores + ", \"runs\": " + results.stream().map(r -> "{\"name\": " + Json.string(r.name())
                + ", \"guarded\": " + r.guarded() + ", \"seconds\": " + Json.number(r.seconds())
                + ", \"max_native_threads\": " + (r.maxNativeThreads().isPresent()
                ? Integer.toString(r.maxNativeThreads().getAsInt()) : "null") + "}")
                .collect(Collectors.joining(", ", "[", "]")) + "}";
    }

    private static String table(int cores, int callers, List<OversubscriptionRun.Result> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "cores %d, callers %d%s%n", cores, callers,
                RunningThreads.supported() ? "" : " (thread sampling unsupported on this system)"));
        b.append(String.format(Locale.ROOT, "%-15s %-8s %8s  %s%n", "SCENARIO", "GUARDED", "SECONDS",
                "MAX_NATIVE_THREADS"));
        for (OversubscriptionRun.Result r : results) {
            b.append(String.format(Locale.ROOT, "%-15s %-8s %8.3f  %s%n", r.name(), r.guarded() ? "yes" : "no",
                    r.seconds(), r.maxNativeThreads().isPresent() ? r.maxNativeThreads().getAsInt() : "unsupported"));
        }
        return b.toString();
    }
}
