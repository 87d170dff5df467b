package dev.kernelkit.cli;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an output .npy file atomically: the data goes into a hidden temporary file beside the target
 * ({@code .OUT.npy.<random>.tmp}, same directory so the rename stays within one file system), which is flushed to
 * disk and then renamed over the target. Readers see either the old file or the complete new one; a failure (or
 * Ctrl-C) deletes the temporary file and leaves an existing target untouched. Because the target is replaced only
 * at the end, the output may be the input itself.
 */
final class AtomicOutput {
    /** Fills the freshly created, memory-mapped output array. */
    @FunctionalInterface
    interface Filler {
        void fill(NdArray out) throws IOException;
    }

    private static final int NAME_ATTEMPTS = 8;

    private AtomicOutput() {
    }

    /** Creates {@code target} with the given dtype and shape (C order); {@code filler} writes its data. */
    static void write(Path target, DType dtype, long[] shape, Filler filler) throws IOException {
        Path dir = checkTarget(target);
        Path tmp = null;
        Thread cleanup = null;
        try {
            try (Arena arena = Arena.ofShared()) {
                tmp = createTemporary(dir, target);
                cleanup = deleteOnShutdown(tmp);
                NdArray data = Npy.create(tmp, dtype, shape, arena);
                reserveSpace(tmp);
                filler.fill(data);
            }
            // Closing the arena unmapped the data; fsync so that the rename never exposes a file whose data a crash
            // could still lose.
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        } finally {
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it deletes the temporary file, which is what we want
                }
            }
        }
    }

    /**
     * Npy.create leaves the data region sparse. Storing into a sparse mapping when the disk is full raises SIGBUS,
     * which inside a native kernel kills the JVM; writing the zeros through the channel first allocates the blocks,
     * so a full disk becomes an ordinary IOException here. (Page cache and mapping are the same pages, so this costs
     * a memset, not a second write to disk.)
     */
    private static void reserveSpace(Path tmp) throws IOException {
        long start = Npy.readHeader(tmp).dataOffset();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            long end = ch.size();
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long pos = start; pos < end; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), end - pos));
                pos += ch.write(zeros, pos);
            }
        }
    }

    /** Checks the target path and returns its (existing, writable) directory. */
    private static Path checkTarget(Path target) {
        if (Files.isDirectory(target)) {
            throw new BadInputException("output is a directory, not a file: " + target);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || target.getFileName() == null) {
            throw new BadInputException("output path has no file name: " + target);
        }
        if (!Files.exists(dir)) {
            throw new BadInputException("output directory does not exist: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("output directory is not a directory: " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException("output directory is not writable (permission denied): " + dir);
        }
        return dir;
    }

    /**
     * Creates an empty file with a new hidden name beside the target, e.g. {@code .out.npy.3f9a0c1d2e4b5a69.tmp}.
     * Creating it exclusively first guarantees the name is ours ({@code Npy.create} would truncate a file that
     * happened to exist).
     */
    private static Path createTemporary(Path dir, Path target) {
        for (int attempt = 1; ; attempt++) {
            String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path tmp = dir.resolve("." + target.getFileName() + "." + random + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw new UncheckedIOException("no free temporary file name in " + dir, e);
                }
            } catch (AccessDeniedException e) {
                throw new BadInputException("output directory is not writable (permission denied): " + dir, e);
            } catch (FileSystemException e) {
                throw new BadInputException("cannot create the output file in " + dir
                        + (e.getReason() == null ? "" : ": " + e.getReason()), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary file in " + dir, e);
            }
        }
    }

    /** Deletes the temporary file if the JVM is stopped (e.g. Ctrl-C) while the filter runs. */
    private static Thread deleteOnShutdown(Path tmp) {
        Thread hook = new Thread(() -> {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more can be done while the JVM exits
            }
        }, "kernelkit-delete-" + tmp.getFileName());
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
