package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import dev.kernelkit.parallel.Reach;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code correlate} and {@code convolve} share: the weights file and the origin. */
abstract class WeightsCommand extends FilterCommand {
    @Option(names = "--weights", required = true, paramLabel = "W",
            description = "1-D float32 or float64 .npy file with the filter weights.")
    Path weightsFile;

    @Option(names = "--origin", defaultValue = "0", paramLabel = "O",
            description = "Shift of the filter; allowed -(n/2)..(n-1)/2 for n weights (default: ${DEFAULT-VALUE}).")
    int origin;

    private double[] weights;

    @Override
    void prepare() throws IOException {
        weights = InputFiles.readWeights(weightsFile);
    }

    @Override
    final void filter(NdArray in, NdArray out, FilterOptions options) {
        filter(in, out, weights, options.withOrigin(origin));
    }

    abstract void filter(NdArray in, NdArray out, double[] weights, FilterOptions options);

    @Override
    final Reach reach(FilterOptions options) {
        return reach(weights.length, origin);
    }

    /** {@link Reach#correlate} or {@link Reach#convolve}. */
    abstract Reach reach(int nweights, int origin);
}
