package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.LfilterResult;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kernelkit lfilter}: scipy.signal.lfilter(b, [1.0], x, axis, zi) on an .npy file, with the filter state read
 * from and written to files so that a long recording can be filtered file by file.
 */
@Command(name = "lfilter", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", "Example (a recording in two files, state carried between them):",
                "  kernelkit lfilter part1.npy out1.npy --b taps.npy --zf state.npy",
                "  kernelkit lfilter part2.npy out2.npy --b taps.npy --zi state.npy --zf state.npy"},
        description = "Causal FIR filter along one axis, as scipy.signal.lfilter(b, [1.0], x, axis, zi).")
final class LfilterCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input .npy file: float32 or float64.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output .npy file: IN's dtype and shape, C order. "
            + "Written atomically; may be IN itself.")
    Path output;

    @Option(names = "--b", required = true, paramLabel = "B",
            description = "1-D float32 or float64 .npy file with the FIR coefficients (numerator; denominator is 1).")
    Path bFile;

    @Option(names = "--axis", defaultValue = "-1", paramLabel = "AXIS",
            description = "Axis to filter along; negative counts from the last (default: ${DEFAULT-VALUE}).")
    int axis;

    @Option(names = "--zi", paramLabel = "ZI", description = "Initial state .npy (IN's dtype; IN's shape with the "
            + "axis length len(b)-1), e.g. the --zf of the previous part (default: zeros).")
    Path ziFile;

    @Option(names = "--zf", paramLabel = "ZF", description = "Write the final state here (may be the --zi file).")
    Path zfFile;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    DiagnosticOptions diagnostics;

    @Mixin
    MethodOption method;

    @Override
    public Integer call() throws IOException {
        String backend = execution.checkBackend();
        if (zfFile != null && Files.isDirectory(zfFile)) {
            throw new BadInputException("--zf: is a directory, not a file: " + zfFile);
        }
        FilterOptions options = method.applyTo(FilterOptions.defaults().withAxis(axis)
                .withThreads(execution.threads).withBackend(backend));
        double[] b = InputFiles.readVector(bFile, "--b");
        NdArray zi = ziFile == null ? null : InputFiles.readArray(ziFile, "--zi");
        LfilterResult[] result = new LfilterResult[1];
        try (Arena arena = Arena.ofShared()) {
            NdArray in = InputFiles.mapInput(input, arena);
            if (zi == null && zfFile != null) {
                // A final state was asked for without an initial one: start from zeros.
                long[] shape = in.shape();
                shape[NdArray.normalizeAxis(axis, in.ndim())] = b.length - 1;
                zi = NdArray.allocate(in.dtype(), shape);
            }
            NdArray state = zi;
            AtomicOutput.write(output, in.dtype(), in.shape(),
                    out -> result[0] = Filters.lfilter(b, in, state, out, options));
        }
        if (zfFile != null) {
            NdArray zf = result[0].zf();
            AtomicOutput.write(zfFile, zf.dtype(), zf.shape(), out -> out.copyFrom(zf));
        }
        return ErrorReporter.EXIT_OK;
    }
}
