package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help, version, and how unexpected errors are reported (exit 1). */
class MainTest {

    @Test
    void topLevelHelpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Usage: kernelkit"), r.out());
        for (String command : List.of("gaussian", "correlate", "convolve", "demo")) {
            assertTrue(r.out().contains("  " + command + " "), command + " in\n" + r.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "correlate", "convolve", "demo"})
    void everyCommandHasHelp(String command) {
        for (String flag : List.of("--help", "-h")) {
            CliRun r = CliRun.of(command, flag);
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
            assertTrue(r.out().startsWith("Usage: kernelkit " + command), r.out());
        }
        String help = CliRun.of(command, "--help").out();
        List<String> options = switch (command) {
            case "gaussian" -> List.of("--sigma", "--axis", "--order", "--mode", "--cval", "--truncate", "--radius",
                    "--threads", "--backend", "--verbose");
            case "correlate", "convolve" -> List.of("--weights", "--axis", "--mode", "--cval", "--origin",
                    "--threads", "--backend", "--verbose");
            default -> List.of("--json", "--size");
        };
        options.forEach(o -> assertTrue(help.contains(o), o + " in\n" + help));
    }

    @Test
    void helpShowsScipyDefaults() {
        String help = CliRun.of("gaussian", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: -1)"), help);
        assertTrue(help.contains("(default: reflect)"), help);
        assertTrue(help.contains("(default: 4.0)"), help);
        assertTrue(help.contains("(default: 0.0)"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionNamesTheLibraries(String flag) {
        for (String[] args : List.of(new String[] {flag}, new String[] {"gaussian", flag})) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("kernelkit "), r.out());
            assertTrue(r.out().contains("native library: "), r.out());
            assertTrue(r.out().contains("Java runtime: " + Runtime.version().feature()), r.out());
        }
    }

    private static CommandLine commandLine(StringWriter err) {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .getSubcommands().get("gaussian");
    }

    @Test
    void unexpectedErrorsExitWithOneAndOneLine() {
        StringWriter err = new StringWriter();
        int exit = ErrorReporter.report(new IllegalStateException("boom"), commandLine(err), false);
        assertEquals(1, exit);
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err::toString);
        assertTrue(lines.get(0).startsWith("kernelkit gaussian: unexpected error: "), lines.get(0));
        assertTrue(lines.get(0).contains("IllegalStateException: boom"), lines.get(0));
        assertTrue(lines.get(0).contains("--verbose"), lines.get(0));
    }

    @Test
    void verboseAddsTheStackTrace() {
        StringWriter err = new StringWriter();
        int exit = ErrorReporter.report(new NullPointerException("bug"), commandLine(err), true);
        assertEquals(1, exit);
        List<String> lines = err.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("kernelkit gaussian: unexpected error: java.lang.NullPointerException: bug"),
                lines.get(0));
        assertTrue(lines.size() > 2 && lines.get(2).strip().startsWith("at "), err::toString);
    }

    @Test
    void plainIoErrorsAreUnexpectedButFileProblemsAreBadInput() {
        StringWriter err = new StringWriter();
        assertEquals(1, ErrorReporter.report(new IOException("No space left on device"), commandLine(err), false));
        assertTrue(err.toString().contains("I/O error: java.io.IOException: No space left on device"), err::toString);
        StringWriter err2 = new StringWriter();
        assertEquals(2, ErrorReporter.report(new java.nio.file.NoSuchFileException("x.npy"), commandLine(err2), false));
        assertEquals("kernelkit gaussian: file not found: x.npy", err2.toString().strip());
    }

    @Test
    void libraryParameterNamesBecomeOptionNames() {
        CommandLine gaussian = commandLine(new StringWriter());
        assertEquals("--sigma: -1.0 must be finite and > 0",
                ErrorReporter.withOptionNames("sigma: -1.0 must be finite and > 0", gaussian));
        assertEquals("--axis: 3 is out of range", ErrorReporter.withOptionNames("axis: 3 is out of range", gaussian));
        // not an option of this command: left as the library worded it
        assertEquals("origin: 2", ErrorReporter.withOptionNames("origin: 2", gaussian));
        assertEquals("shape: bad", ErrorReporter.withOptionNames("shape: bad", gaussian));
    }

    @Test
    void multiLineMessagesAreFoldedIntoOneLine() {
        StringWriter err = new StringWriter();
        ErrorReporter.line(commandLine(err), "first\nsecond\r\n  third");
        assertEquals("kernelkit gaussian: first; second; third" + System.lineSeparator(), err.toString());
    }

    @Test
    void verboseFlagIsAcceptedOnSuccess() {
        CliRun r = CliRun.of("gaussian", "--verbose", "--help");
        assertEquals(0, r.exit(), r::toString);
    }
}
