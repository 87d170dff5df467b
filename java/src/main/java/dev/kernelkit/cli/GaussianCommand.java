package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import dev.kernelkit.parallel.Reach;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kernelkit gaussian}: scipy.ndimage.gaussian_filter1d on an .npy file. */
@Command(name = "gaussian", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", "Example: kernelkit gaussian rec.npy smooth.npy --sigma 40 --axis 1"},
        description = "Gaussian filter (or its derivative) along one axis, as scipy.ndimage.gaussian_filter1d.")
final class GaussianCommand extends FilterCommand {
    @Option(names = "--sigma", required = true, paramLabel = "S",
            description = "Standard deviation of the Gaussian, in samples; finite and > 0.")
    double sigma;

    @Option(names = "--order", defaultValue = "0", paramLabel = "K",
            description = "Derivative order 0..3 (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--truncate", defaultValue = "4.0", paramLabel = "T",
            description = "Kernel radius in sigmas when --radius is absent: int(T*S + 0.5) "
                    + "(default: ${DEFAULT-VALUE}).")
    double truncate;

    @Option(names = "--radius", paramLabel = "R",
            description = "Kernel radius in samples (overrides --truncate; kernel length 2R+1).")
    Integer radius;

    @Override
    void filter(NdArray in, NdArray out, FilterOptions options) {
        Filters.gaussian1d(in, out, sigma, options.withOrder(order).withTruncate(truncate).withRadius(radius));
    }

    @Override
    Reach reach(FilterOptions options) {
        return Reach.gaussian(sigma, options.withTruncate(truncate).withRadius(radius));
    }
}
