package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import dev.kernelkit.parallel.Reach;
import picocli.CommandLine.Command;

/** {@code kernelkit correlate}: scipy.ndimage.correlate1d on an .npy file. */
@Command(name = "correlate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", "Example: kernelkit correlate rec.npy out.npy --weights taps.npy --mode nearest"},
        description = "Correlation with 1-D weights along one axis, as scipy.ndimage.correlate1d.")
final class CorrelateCommand extends WeightsCommand {
    @Override
    void filter(NdArray in, NdArray out, double[] weights, FilterOptions options) {
        Filters.correlate1d(in, out, weights, options);
    }

    @Override
    Reach reach(int nweights, int origin) {
        return Reach.correlate(nweights, origin);
    }
}
