package dev.kernelkit.cli;

import dev.kernelkit.BankMethod;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import dev.kernelkit.openblas.GemmFilterBank;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kernelkit filterbank}: a bank of F filters (an F×K .npy file) applied along one axis of an .npy file; the
 * output has a new axis of length F just before the filtered one. Each filter's slice equals
 * {@code kernelkit correlate} with that filter.
 */
@Command(name = "filterbank", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", "Example (a (channels, samples) recording into (channels, bands, samples)):",
                "  kernelkit filterbank eeg.npy bands.npy --weights bank.npy --axis -1 --method auto"},
        description = "Apply F FIR filters (an F x K weights array) along one axis in one call, as "
                + "np.stack([scipy.ndimage.correlate1d(x, w[f], axis, ...) for f in range(F)], axis).")
final class FilterbankCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input .npy file: float32 or float64, C or Fortran "
            + "order.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output .npy file: IN's dtype, IN's shape with F "
            + "inserted before the axis, C order. Written atomically (temporary file, then rename).")
    Path output;

    @Option(names = "--weights", required = true, paramLabel = "BANK",
            description = "2-D float32 or float64 .npy file: F filters (rows) of K taps (correlation weights).")
    Path weightsFile;

    @Option(names = "--origin", defaultValue = "0", paramLabel = "ORIGIN",
            description = "Shift of every filter, -(K/2) .. (K-1)/2 (default: ${DEFAULT-VALUE}).")
    int origin;

    @Option(names = "--method", defaultValue = "auto", paramLabel = "METHOD",
            description = "direct (bit-identical to correlate), gemm (OpenBLAS matrix products, equal within "
                    + "rounding) or auto (by F and K) (default: ${DEFAULT-VALUE}).")
    String method;

    @Mixin
    LineOptions lines;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    DiagnosticOptions diagnostics;

    @Override
    public Integer call() throws IOException {
        FilterOptions options = lines.applyTo(FilterOptions.defaults()).withOrigin(origin)
                .withThreads(execution.threads).withBackend(execution.checkBackend());
        BankMethod bankMethod = BankMethod.parse(method);
        if (bankMethod == BankMethod.GEMM && !GemmFilterBank.available()) {
            throw new BadInputException("--method: gemm needs OpenBLAS (org.bytedeco:openblas), which cannot be "
                    + "loaded here: " + GemmFilterBank.loadError() + "; use --method direct or auto");
        }
        NdArray bank = InputFiles.readArray(weightsFile, "--weights");
        if (bank.ndim() != 2) {
            throw new BadInputException("--weights: expected a 2-D array (filters x taps), found shape "
                    + Arrays.toString(bank.shape()) + " in " + weightsFile);
        }
        // Shared, not confined: backends may read the input from several threads.
        try (Arena arena = Arena.ofShared()) {
            NdArray in = InputFiles.mapInput(input, arena);
            int ax = NdArray.normalizeAxis(lines.axis, in.ndim());
            long[] shape = FilterBank.outputShape(in.shape(), ax, (int) bank.shape(0));
            AtomicOutput.write(output, in.dtype(), shape, out -> FilterBank.apply(in, out, bank, options,
                    bankMethod));
        }
        return ErrorReporter.EXIT_OK;
    }
}
