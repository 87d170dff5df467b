package dev.kernelkit.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} flag, mixed into every command: stack traces for unexpected errors. */
final class DiagnosticOptions {
    /** Environment variable that turns on stack traces without the flag (e.g. for a wrapper script). */
    static final String DEBUG_ENV = "KERNELKIT_DEBUG";

    @Option(names = {"-v", "--verbose"}, description = "Print the stack trace of an unexpected error "
            + "(also when the environment variable " + DEBUG_ENV + "=1).")
    boolean verbose;

    /** Whether an unexpected error should be reported with its stack trace. */
    boolean stackTraces() {
        return verbose || "1".equals(System.getenv(DEBUG_ENV));
    }
}
