package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import dev.kernelkit.parallel.Reach;
import picocli.CommandLine.Command;

/** {@code kernelkit convolve}: scipy.ndimage.convolve1d on an .npy file. */
@Command(name = "convolve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", "Example: kernelkit convolve rec.npy out.npy --weights taps.npy --axis 0"},
        description = "Convolution with 1-D weights along one axis, as scipy.ndimage.convolve1d.")
final class ConvolveCommand extends WeightsCommand {
    @Override
    void filter(NdArray in, NdArray out, double[] weights, FilterOptions options) {
        Filters.convolve1d(in, out, weights, options);
    }

    @Override
    Reach reach(int nweights, int origin) {
        return Reach.convolve(nweights, origin);
    }
}
