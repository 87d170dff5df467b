package dev.kernelkit.cli;

import dev.kernelkit.io.NpyFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into the CLI's contract: exit status 2 with one line on stderr for bad input or usage, 1 with
 * one line (plus the stack trace when asked for) for anything unexpected. Each line starts with the command's name,
 * e.g. {@code kernelkit gaussian: --sigma: -1.0 must be finite and > 0}.
 */
final class ErrorReporter {
    static final int EXIT_OK = 0;
    static final int EXIT_UNEXPECTED = 1;
    static final int EXIT_BAD_INPUT = 2;

    /** "name: rest" as the library words its IllegalArgumentExceptions (see Filters, GaussianKernel, NdArray). */
    private static final Pattern PARAMETER_PREFIX = Pattern.compile("^([a-z][a-z0-9]*): (.*)$", Pattern.DOTALL);

    private ErrorReporter() {
    }

    /** picocli's hook for parse errors: unknown option, missing or malformed value, extra arguments. */
    static int handleParameterException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException u && cl.getParent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "' (allowed: "
                    + String.join(", ", cl.getSubcommands().keySet()) + ")";
        }
        line(cl, message + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        return EXIT_BAD_INPUT;
    }

    /** picocli's hook for exceptions thrown while a command runs. */
    static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        return report(ex, cl, stackTracesWanted(cl));
    }

    /** Classifies {@code t}, prints its line (and trace if wanted) and returns the exit status. */
    static int report(Throwable t, CommandLine cl, boolean stackTrace) {
        String badInput = badInputMessage(t, cl);
        if (badInput != null) {
            line(cl, badInput);
            return EXIT_BAD_INPUT;
        }
        String what = t instanceof IOException ? "I/O error: " : "unexpected error: ";
        line(cl, what + t + (stackTrace ? "" : " (rerun with --verbose for the stack trace)"));
        if (stackTrace) {
            t.printStackTrace(cl.getErr());
            cl.getErr().flush();
        }
        return EXIT_UNEXPECTED;
    }

    /** The one-line message when {@code t} is a bad-input error, else null. */
    private static String badInputMessage(Throwable t, CommandLine cl) {
        if (t instanceof BadInputException || t instanceof IllegalArgumentException) {
            return withOptionNames(t.getMessage(), cl);
        }
        if (t instanceof NpyFormatException) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException e) {
            return "file not found: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof FileSystemException e) { // e.g. "Is a directory", "Read-only file system"
            return "cannot access " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason());
        }
        return null;
    }

    /**
     * Library messages name parameters the way the Java API does ({@code sigma: ...}); on the command line the user
     * typed {@code --sigma}, so a leading parameter name that is one of this command's options gets its dashes.
     */
    static String withOptionNames(String message, CommandLine cl) {
        if (message == null) {
            return "(no message)";
        }
        Matcher m = PARAMETER_PREFIX.matcher(message);
        if (m.matches() && cl.getCommandSpec().findOption("--" + m.group(1)) != null) {
            return "--" + m.group(1) + ": " + m.group(2);
        }
        return message;
    }

    /** Prints {@code "<command>: <message>"} as exactly one line on the command's stderr. */
    static void line(CommandLine cl, String message) {
        PrintWriter err = cl.getErr();
        String oneLine = (message == null ? "(no message)" : message).strip().replaceAll("\\s*\\R\\s*", "; ");
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine);
        err.flush();
    }

    /** The command's {@code --verbose} mixin decides; a command without one has only the environment variable. */
    private static boolean stackTracesWanted(CommandLine cl) {
        for (CommandSpec mixin : cl.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof DiagnosticOptions d) {
                return d.stackTraces();
            }
        }
        return new DiagnosticOptions().stackTraces();
    }
}
