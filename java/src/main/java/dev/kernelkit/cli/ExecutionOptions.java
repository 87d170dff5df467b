package dev.kernelkit.cli;

import dev.kernelkit.spi.Backends;
import picocli.CommandLine.Option;

/** {@code --threads} and {@code --backend}, mixed into every command that runs a filter. */
final class ExecutionOptions {
    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Threads to use; 0 = all available cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Implementation: panama (native, FFM), jna (native, JNA) or java (default: the fastest that loads).")
    String backend;

    /**
     * The requested backend (null: the default); one that exists but cannot load here is a usage error (exit 2),
     * named with its reason.
     */
    String checkBackend() {
        if (backend != null) {
            try {
                Backends.get(backend);
            } catch (IllegalStateException e) {
                throw new BadInputException("--backend: " + e.getMessage().replaceFirst("^backend: ", ""), e);
            }
        }
        return backend;
    }
}
