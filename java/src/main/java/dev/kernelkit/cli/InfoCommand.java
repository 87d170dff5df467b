package dev.kernelkit.cli;

import dev.kernelkit.panama.NativeLibrary;
import dev.kernelkit.panama.PanamaBackend;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kernelkit info}: what the native side of this installation is — the library file, its version, whether it
 * runs threads with OpenMP, and which instruction-set level its kernels use here — for bug reports and for checking
 * that a forced level (KERNELKIT_ISA) took effect. Exit status 0 also when the library does not load: the output
 * then says why, which is the point of the command.
 */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show the native library in use: its path, version, OpenMP support and the instruction-set "
                + "level of its kernels (set KERNELKIT_ISA=baseline|avx2|avx512 to force a lower one)."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("kernelkit:        %s%n", VersionProvider.javaVersion());
        out.printf("platform:         %s%n", NativeLibrary.platform());
        List<String> bundled = NativeLibrary.bundledPlatforms();
        out.printf("jar platforms:    %s%n", bundled.isEmpty() ? "(none)" : String.join(", ", bundled));
        Backend backend;
        try {
            backend = Backends.get(PanamaBackend.NAME);
        } catch (IllegalStateException e) {
            out.printf("native library:   not available (%s)%n", BackendStatus.reason(e));
            return ErrorReporter.EXIT_OK;
        }
        if (!(backend instanceof PanamaBackend panama)) {
            out.printf("native library:   loaded by %s (no details)%n", backend.getClass().getName());
            return ErrorReporter.EXIT_OK;
        }
        out.printf("native library:   %s%n", NativeLibrary.path());
        out.printf("native version:   %s%n", panama.versionString());
        out.printf("OpenMP:           %s%n", panama.hasOpenMP() ? "yes" : "no (serial build)");
        out.printf("instruction set:  %s (%s)%n", panama.isa(), panama.isaReason());
        out.printf("supported levels: %s%n", String.join(", ", panama.supportedIsas()));
        return ErrorReporter.EXIT_OK;
    }
}
