package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.panama.NativeLibrary;
import dev.kernelkit.panama.PanamaBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code kernelkit info}: the native library's path, version, OpenMP and instruction-set level. */
class InfoCommandTest {

    @Test
    void reportsTheLoadedLibraryAndItsDispatchLevel() {
        Assumptions.assumeFalse(Boolean.getBoolean("kernelkit.native.skip"), "native build skipped");
        PanamaBackend panama = new PanamaBackend();
        CliRun r = CliRun.of("info");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        String out = r.out();
        assertTrue(out.contains("platform:         " + NativeLibrary.platform() + "\n"), out);
        assertTrue(out.contains("native library:   " + NativeLibrary.path() + "\n"), out);
        assertTrue(out.contains("native version:   " + panama.versionString() + "\n"), out);
        assertTrue(out.contains("OpenMP:           " + (panama.hasOpenMP() ? "yes" : "no (serial build)") + "\n"),
                out);
        assertTrue(out.contains("instruction set:  " + panama.isa() + " (" + panama.isaReason() + ")\n"), out);
        assertTrue(out.contains("supported levels: " + String.join(", ", panama.supportedIsas()) + "\n"), out);
        assertTrue(out.contains("jar platforms:    " + String.join(", ", NativeLibrary.bundledPlatforms()) + "\n"),
                out);
    }

    @Test
    void isListedInTheTopLevelHelp() {
        CliRun r = CliRun.of("--help");
        assertTrue(r.out().contains("  info "), r.out());
    }
}
