package dev.kernelkit.io;

import java.io.IOException;

/**
 * A file that is not a valid, supported {@code .npy} file: bad magic, unknown format version, corrupt or truncated
 * header, unsupported dtype (anything but little-endian float32/float64), a 0-d or absurd shape, or truncated data.
 *
 * <p>The message is one line that names what was found and, where it applies, what is supported, e.g.
 * {@code unsupported dtype '<i4' (int32); supported: '<f4' float32, '<f8' float64}. It does not name the file:
 * callers that read several files prefix the path themselves.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }
}
