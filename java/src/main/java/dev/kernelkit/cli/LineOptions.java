package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Mode;
import picocli.CommandLine.Option;

/**
 * {@code --axis}, {@code --mode} and {@code --cval}: which lines are filtered and how they are extended beyond their
 * ends, as in scipy.ndimage — mixed into the commands that filter lines of an array (the single filters and the
 * filter bank). Values are checked by the library, whose messages name the parameter.
 */
final class LineOptions {
    @Option(names = "--axis", defaultValue = "-1", paramLabel = "AXIS",
            description = "Axis to filter along; negative counts from the last (default: ${DEFAULT-VALUE}).")
    int axis;

    @Option(names = "--mode", defaultValue = "reflect", paramLabel = "MODE",
            description = "How lines are extended beyond their ends: reflect, mirror, nearest, wrap, constant, "
                    + "grid-mirror, grid-wrap, grid-constant (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--cval", defaultValue = "0.0", paramLabel = "CVAL",
            description = "Value beyond the ends in mode constant (default: ${DEFAULT-VALUE}).")
    double cval;

    /** {@code options} with this axis, mode and cval; a bad mode is an IllegalArgumentException naming it. */
    FilterOptions applyTo(FilterOptions options) {
        return options.withAxis(axis).withMode(Mode.parse(mode)).withCval(cval);
    }
}
