package dev.kernelkit.cli;

/**
 * A problem with the user's input or usage (a missing file, a bad option value, an unwritable output directory):
 * the CLI reports its message on one line and exits with status 2. Unlike other exceptions it never gets a stack
 * trace, because the message is the whole story.
 */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
