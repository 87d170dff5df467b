package dev.kernelkit.cli;

import dev.kernelkit.spi.Backends;
import dev.kernelkit.threads.NativePool;
import dev.kernelkit.threads.ThreadGuard;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kernelkit threads}: the native thread pools (OpenMP runtimes, BLAS libraries) loaded in this process, with
 * their thread counts. The default backend is loaded first so that kernelkit's own OpenMP runtime is among them.
 */
@Command(name = "threads", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show the native thread pools loaded with kernelkit (OpenMP, OpenBLAS, MKL, BLIS): library, "
                + "version and thread count."})
final class ThreadsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of {path, api, internal_api, version, num_threads, "
            + "threading_layer} objects.")
    boolean json;

    @Override
    public Integer call() {
        // Without a loadable backend there is still something to show (e.g. a BLAS loaded by the host), so go on.
        try {
            Backends.defaultBackend();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("threads: no backend loaded (" + e.getMessage() + ")");
        }
        List<NativePool> pools = ThreadGuard.info();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(pools) + "\n" : ThreadGuard.table(pools));
        return ErrorReporter.EXIT_OK;
    }

    /** The pools as a JSON array of objects, one per {@link NativePool} with its fields in snake_case. */
    static String json(List<NativePool> pools) {
        return pools.stream().map(p -> "{\"path\": " + Json.string(p.path()) + ", \"api\": " + Json.string(p.api())
                + ", \"internal_api\": " + Json.string(p.internalApi()) + ", \"version\": " + Json.string(p.version())
                + ", \"num_threads\": " + p.numThreads() + ", \"threading_layer\": " + Json.string(p.threadingLayer())
                + "}").collect(Collectors.joining(", ", "[", "]"));
    }
}
