package dev.kernelkit.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** A Markdown description of the machine the report is rendered on (the one the benchmarks ran on). */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return "- CPU: " + cpuModel().orElse("unknown (no /proc/cpuinfo)") + "\n"
                + "- cores available to the JVM: " + Runtime.getRuntime().availableProcessors() + "\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n"
                + "- date (UTC): " + LocalDate.now(ZoneOffset.UTC) + "\n";
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
