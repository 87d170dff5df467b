package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import dev.kernelkit.parallel.Reach;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the file filters share: IN and OUT, the options every filter takes, and the run itself — map IN read-only,
 * filter into a new OUT written atomically. Subclasses add their own options and call the filter. Values are
 * checked by the library ({@code Filters}), whose messages name the parameter; {@link ErrorReporter} turns them into
 * the option's name.
 */
abstract class FilterCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN",
            description = "Input .npy file: float32 or float64, C or Fortran order; or shm:NAME, a shared memory "
                    + "segment holding an .npy image.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output .npy file: IN's dtype and shape, C order. "
            + "Written atomically (temporary file, then rename); may be IN itself. Or shm:NAME: a new shared memory "
            + "segment left for the caller, or IN's own name to filter in place.")
    Path output;

    @Option(names = "--processes", defaultValue = "1", paramLabel = "N",
            description = "Worker JVMs sharing the data through shared memory, each filtering a block along another "
                    + "axis, or along the filtered axis with halos when that makes more blocks (1-D arrays, fewer "
                    + "lines than N); threads are divided among them (default: ${DEFAULT-VALUE}: no workers).")
    int processes;

    @Option(names = "--worker-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "With --processes: a worker alive but silent (no progress or heartbeat; heartbeats come "
                    + "every second or more often) for this long is killed and reported as failed; 0 = no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    double workerTimeout;

    /** Set by the parent in a worker's command line (see SharedMemoryRun). */
    @Option(names = "--worker-block", hidden = true)
    String workerBlock;

    @Spec
    CommandSpec spec;

    @Mixin
    LineOptions lines;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    DiagnosticOptions diagnostics;

    @Mixin
    MethodOption method;

    @Override
    public final Integer call() throws IOException {
        FilterOptions options = lines.applyTo(method.applyTo(FilterOptions.defaults()))
                .withThreads(execution.threads)
                .withBackend(execution.checkBackend());
        prepare();
        if (SharedMemoryRun.applies(this)) {
            return new SharedMemoryRun(this, options).run();
        }
        // Shared, not confined: backends may read the input from several threads.
        try (Arena arena = Arena.ofShared()) {
            NdArray in = InputFiles.mapInput(input, arena);
            AtomicOutput.write(output, in.dtype(), in.shape(), out -> filter(in, out, options));
        }
        return ErrorReporter.EXIT_OK;
    }

    /** Checks and loads this command's own inputs (e.g. the weights file) before any output is created. */
    void prepare() throws IOException {
    }

    /** Runs the filter from {@code in} into {@code out} (same dtype and shape). */
    abstract void filter(NdArray in, NdArray out, FilterOptions options);

    /**
     * How far the filter reads around each output along the filtered axis (after {@link #prepare()}), so that
     * {@code --processes} can split along that axis with halos; null when unknown (then it splits only across it).
     */
    Reach reach(FilterOptions options) {
        return null;
    }
}
