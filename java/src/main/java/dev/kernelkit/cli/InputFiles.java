package dev.kernelkit.cli;

import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import dev.kernelkit.io.NpyFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens the CLI's input files, turning each way a file can be wrong into a {@link BadInputException} whose message
 * says which file (the input or the weights) and what is wrong with it.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** Maps the input .npy file read-only (no copy: the filter reads the page cache directly). */
    static NdArray mapInput(Path path, Arena arena) throws IOException {
        checkReadableFile(path, "input file");
        try {
            return Npy.map(path, false, arena);
        } catch (NpyFormatException e) {
            throw new BadInputException(withPath(e.getMessage(), path), e);
        } catch (NoSuchFileException e) {
            throw new BadInputException("input file not found: " + path, e);
        } catch (AccessDeniedException e) {
            throw new BadInputException("input file is not readable (permission denied): " + path, e);
        }
    }

    /**
     * Reads a weights file: a 1-D float32 or float64 array, returned as doubles (the filters accumulate in double,
     * so float32 weights are widened exactly).
     */
    static double[] readWeights(Path path) throws IOException {
        return readVector(path, "--weights");
    }

    /** Reads a non-empty 1-D float32 or float64 array given with {@code option}, as doubles. */
    static double[] readVector(Path path, String option) throws IOException {
        NdArray w = readArray(path, option);
        if (w.ndim() != 1) {
            throw new BadInputException(option + ": expected a 1-D array, found shape "
                    + Arrays.toString(w.shape()) + " in " + path);
        }
        if (w.size() == 0) {
            throw new BadInputException(option + ": the array in " + path + " is empty (at least one value needed)");
        }
        return w.toDoubleArray();
    }

    /** Reads a whole .npy file given with {@code option} into memory. */
    static NdArray readArray(Path path, String option) throws IOException {
        checkReadableFile(path, option + ": file");
        try {
            return Npy.read(path);
        } catch (NpyFormatException e) {
            throw new BadInputException(option + ": " + withPath(e.getMessage(), path), e);
        } catch (NoSuchFileException e) {
            throw new BadInputException(option + ": file not found: " + path, e);
        } catch (AccessDeniedException e) {
            throw new BadInputException(option + ": file is not readable (permission denied): " + path, e);
        }
    }

    /** Clear messages for the common mistakes, before the .npy reader sees the path. */
    private static void checkReadableFile(Path path, String what) {
        if (Files.isDirectory(path)) {
            throw new BadInputException(what + " is a directory, not an .npy file: " + path);
        }
        if (!Files.exists(path)) {
            throw new BadInputException(what + " not found: " + path);
        }
    }

    /** The reader's message names what is wrong but not the file (see NpyFormatException): prefix the path. */
    private static String withPath(String message, Path path) {
        return path + ": " + (message == null ? "invalid .npy file" : message);
    }
}
