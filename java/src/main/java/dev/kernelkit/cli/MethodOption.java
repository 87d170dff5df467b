package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Method;
import picocli.CommandLine.Option;

/** {@code --method}, mixed into the commands whose filters can sum directly or with FFTs. */
final class MethodOption {
    @Option(names = "--method", defaultValue = "auto", paramLabel = "direct|fft|auto",
            description = "How the filter is summed: direct (SciPy's exact bits), fft (overlap-save, within 1e-12 "
                    + "(float64) / 1e-5 (float32) of SciPy; fast for long kernels) or auto (a cost model picks; "
                    + "default: ${DEFAULT-VALUE}).")
    String method;

    /** The parsed method; a bad name is an IllegalArgumentException naming {@code method}. */
    Method value() {
        return Method.parse(method);
    }

    /** {@code options} with this method. */
    FilterOptions applyTo(FilterOptions options) {
        return options.withMethod(value());
    }
}
