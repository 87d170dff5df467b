package dev.kernelkit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code kernelkit} command line: {@code gaussian}, {@code correlate}, {@code convolve} on .npy files and the
 * {@code demo} benchmark. Exit status 0 on success, 2 for bad input or usage (one line on stderr), 1 for anything
 * unexpected (see {@link ErrorReporter}).
 */
@Command(name = "kernelkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "1-D filters with scipy.ndimage's semantics on NumPy .npy files.",
        subcommands = {GaussianCommand.class, CorrelateCommand.class, ConvolveCommand.class, DemoCommand.class,
                InfoCommand.class, FirwinCommand.class, LfilterCommand.class, ThreadsCommand.class,
                FilterbankCommand.class, OversubscriptionCommand.class},
        footer = {"", "Run 'kernelkit COMMAND --help' for a command's options.",
                "Exit status: 0 success, 2 bad input or usage, 1 unexpected error.",
                "Environment: " + DiagnosticOptions.DEBUG_ENV + "=1 prints stack traces of unexpected errors."})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** java.util.logging's format property (System.Logger's default backend). */
    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    public static void main(String[] args) {
        // The library logs a backend fallback once; JUL's default format spends two lines on it, and every line
        // this CLI writes to stderr should be one self-contained message. A user's own setting wins.
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, "%4$s: %5$s%6$s%n");
        }
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the CLI with the given streams (for tests and embedding) and returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, out.charset()), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, err.charset()), true);
        CommandLine cl = commandLine(outWriter, errWriter);
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands only Exceptions to the handler; an Error (e.g. OutOfMemoryError) still gets one line.
            return ErrorReporter.report(e, cl, new DiagnosticOptions().stackTraces());
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(ErrorReporter::handleParameterException);
        cl.setExecutionExceptionHandler(ErrorReporter::handleExecutionException);
        return cl;
    }

    /** {@code kernelkit} without a command. */
    @Override
    public Integer call() {
        throw new BadInputException("missing command (one of: "
                + String.join(", ", spec.commandLine().getSubcommands().keySet()) + "; see 'kernelkit --help')");
    }
}
