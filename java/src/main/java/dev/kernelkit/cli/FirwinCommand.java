package dev.kernelkit.cli;

import dev.kernelkit.DType;
import dev.kernelkit.Fir;
import dev.kernelkit.PassZero;
import dev.kernelkit.Window;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kernelkit firwin}: scipy.signal.firwin's taps, written to a 1-D float64 .npy file. */
@Command(name = "firwin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", "Examples:",
                "  kernelkit firwin lp.npy --numtaps 101 --cutoff 0.2",
                "  kernelkit firwin alpha.npy --numtaps 501 --cutoff 8 13 --pass-zero bandpass --fs 1000",
                "  kernelkit firwin hp.npy --numtaps 63 --cutoff 30 --pass-zero false --window kaiser:8.6 --fs 250"},
        description = "Design an FIR filter by the window method, as scipy.signal.firwin; the taps are weights for "
                + "'kernelkit correlate' and 'kernelkit convolve'.")
final class FirwinCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT",
            description = "Output .npy file: the taps, 1-D float64. Written atomically (temporary file, then rename).")
    Path output;

    @Option(names = "--numtaps", required = true, paramLabel = "N",
            description = "Number of taps, >= 1; odd when the filter passes the Nyquist frequency.")
    int numtaps;

    @Option(names = "--cutoff", required = true, arity = "1..*", paramLabel = "F",
            description = "Band edges in the units of --fs, strictly increasing, each in (0, fs/2).")
    List<Double> cutoff;

    @Option(names = "--pass-zero", defaultValue = "true", paramLabel = "P",
            description = "Whether DC passes: true, false, or lowpass, highpass, bandpass, bandstop "
                    + "(default: ${DEFAULT-VALUE}).")
    String passZero;

    @Option(names = "--window", defaultValue = "hamming", paramLabel = "W",
            description = "hamming, hann, blackman, boxcar, or kaiser:BETA (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--kaiser-beta", paramLabel = "B",
            description = "Kaiser window with this beta (the same as --window kaiser:B).")
    Double kaiserBeta;

    @Option(names = "--no-scale", description = "Do not scale the taps to unit gain at the centre of the first "
            + "passband (SciPy's scale=False).")
    boolean noScale;

    @Option(names = "--fs", defaultValue = "2.0", paramLabel = "FS",
            description = "Sampling frequency (default: ${DEFAULT-VALUE}: cutoffs as fractions of Nyquist).")
    double fs;

    @Mixin
    DiagnosticOptions diagnostics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        double[] taps = Fir.firwin(numtaps, cutoff.stream().mapToDouble(Double::doubleValue).toArray(), window(),
                passZero(), !noScale, fs);
        AtomicOutput.write(output, DType.F64, new long[] {taps.length}, out -> {
            for (int i = 0; i < taps.length; i++) {
                out.set(taps[i], i);
            }
        });
        return ErrorReporter.EXIT_OK;
    }

    /** --window, or the Kaiser window of --kaiser-beta (which goes with no --window or with --window kaiser). */
    private Window window() {
        if (kaiserBeta == null) {
            return Window.parse(window);
        }
        boolean windowGiven = spec.commandLine().getParseResult().hasMatchedOption("--window");
        if (windowGiven && !window.strip().equalsIgnoreCase("kaiser")) {
            throw new BadInputException("--kaiser-beta: goes with --window kaiser (or no --window), not --window "
                    + window);
        }
        if (!Double.isFinite(kaiserBeta)) {
            throw new BadInputException("--kaiser-beta: " + kaiserBeta + " must be finite");
        }
        return Window.kaiser(kaiserBeta);
    }

    private PassZero passZero() {
        try {
            return PassZero.parse(passZero);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--pass-zero: " + e.getMessage().substring("passZero: ".length()), e);
        }
    }
}
