package dev.kernelkit.shm;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A named POSIX shared-memory object ({@code shm_open} + {@code mmap}) mapped read-write into this process, the same
 * object Python's {@code multiprocessing.shared_memory.SharedMemory(name=...)} opens.
 *
 * <h2>Names</h2>
 * Names are given as Python gives them: without a slash ({@code "kk_rec"}). Like Python's {@code SharedMemory} on
 * POSIX, the OS-level name is {@code "/" + name}, so {@code SharedSegment.open("kk_rec")} and
 * {@code SharedMemory(name="kk_rec")} reach the same object (on Linux it appears as {@code /dev/shm/kk_rec}). A name
 * must be non-empty, must not contain {@code '/'} or NUL and must not be {@code "."} or {@code ".."}; the OS limits
 * its length (255 bytes on Linux, 30 on macOS).
 *
 * <h2>Ownership</h2>
 * The process that {@link #create creates} a segment owns its name: {@link #close()} unmaps it and unlinks the name
 * (the memory itself lives on until every process has unmapped it). A process that {@link #open opens} a segment only
 * unmaps it on close. {@link #persist()} gives up ownership, so the name outlives the creator (the CLI does this for
 * an output segment: the result is meant for whoever asked for it, who then unlinks it).
 *
 * <h2>Closing</h2>
 * Closing invalidates {@link #segment()} (and every {@link NdArray} on it) for all threads; a second close throws
 * {@link IllegalStateException}, as does any use of the segment after close. Not closing leaks the mapping until the
 * process exits and, for a creator, the name until reboot or an explicit unlink.
 *
 * <h2>Sizes</h2>
 * On macOS the OS rounds a shared-memory object up to whole pages (Python's segments show that size too), so
 * {@link #open(String, long)} checks that the object holds at least the expected bytes and maps exactly that many.
 */
public final class SharedSegment implements AutoCloseable {
    /** Python's SharedMemory creates objects readable and writable by the owner only. */
    private static final int MODE = 0600;

    private final String name;
    private final long address;
    private final long byteSize;
    private final Arena arena;
    private final MemorySegment segment;
    private boolean owner;
    private boolean closed;

    private SharedSegment(String name, long address, long byteSize, boolean owner) {
        this.name = name;
        this.address = address;
        this.byteSize = byteSize;
        this.owner = owner;
        this.arena = Arena.ofShared();
        this.segment = MemorySegment.ofAddress(address).reinterpret(byteSize, arena, null);
    }

    /**
     * Creates a new zero-filled segment of {@code bytes} bytes under {@code name} and maps it; this object owns the
     * name.
     *
     * @throws IllegalArgumentException when the name is invalid, {@code bytes <= 0}, or a segment with this name
     *                                  already exists
     * @throws IllegalStateException    when the OS refuses (no space, permissions, ...), with its reason
     */
    public static SharedSegment create(String name, long bytes) {
        String path = osName(name);
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " must be > 0 (a shared memory segment cannot be"
                    + " empty)");
        }
        int fd;
        try {
            fd = PosixShm.open(path, PosixShm.O_CREAT | PosixShm.O_EXCL | PosixShm.O_RDWR, MODE);
        } catch (PosixShm.Failure e) {
            if (e.errno == PosixShm.EEXIST) {
                throw new IllegalArgumentException("name: a shared memory segment named '" + name
                        + "' already exists", e);
            }
            throw new IllegalStateException("cannot create shared memory segment '" + name + "': " + e.getMessage(), e);
        }
        try {
            PosixShm.truncate(fd, bytes);
            long address = PosixShm.map(fd, bytes, true);
            return new SharedSegment(name, address, bytes, true);
        } catch (PosixShm.Failure e) {
            unlinkQuietly(path);
            throw new IllegalStateException("cannot create shared memory segment '" + name + "' of " + bytes
                    + " bytes: " + e.getMessage(), e);
        } finally {
            closeQuietly(fd);
        }
    }

    /** Opens an existing segment and maps all of it read-write; this object does not own the name. */
    public static SharedSegment open(String name) {
        return open(name, -1);
    }

    /**
     * Opens an existing segment that must hold at least {@code bytes} bytes and maps exactly {@code bytes} of it.
     *
     * @throws IllegalArgumentException when the name is invalid, no segment has this name, or it is smaller than
     *                                  {@code bytes}
     */
    public static SharedSegment open(String name, long bytes) {
        String path = osName(name);
        if (bytes == 0 || bytes < -1) {
            throw new IllegalArgumentException("bytes: " + bytes + " must be > 0");
        }
        int fd;
        try {
            fd = PosixShm.open(path, PosixShm.O_RDWR, 0);
        } catch (PosixShm.Failure e) {
            if (e.errno == PosixShm.ENOENT) {
                throw new IllegalArgumentException("name: no shared memory segment named '" + name + "'", e);
            }
            throw new IllegalStateException("cannot open shared memory segment '" + name + "': " + e.getMessage(), e);
        }
        try {
            long actual = PosixShm.size(fd);
            if (actual == 0) {
                throw new IllegalArgumentException("name: shared memory segment '" + name + "' is empty (0 bytes)");
            }
            if (bytes > actual) {
                throw new IllegalArgumentException("bytes: shared memory segment '" + name + "' has " + actual
                        + " bytes, expected at least " + bytes);
            }
            long mapped = bytes == -1 ? actual : bytes;
            return new SharedSegment(name, PosixShm.map(fd, mapped, true), mapped, false);
        } catch (PosixShm.Failure e) {
            throw new IllegalStateException("cannot map shared memory segment '" + name + "': " + e.getMessage(), e);
        } finally {
            closeQuietly(fd);
        }
    }

    /** True when a segment with this name exists (and this process may open it). */
    public static boolean exists(String name) {
        String path = osName(name);
        try {
            closeQuietly(PosixShm.open(path, PosixShm.O_RDONLY, 0));
            return true;
        } catch (PosixShm.Failure e) {
            return false;
        }
    }

    /**
     * Removes the name (like Python's {@code SharedMemory.unlink()}); processes that have it mapped keep their memory.
     *
     * @throws IllegalArgumentException when no segment has this name
     */
    public static void unlink(String name) {
        String path = osName(name);
        try {
            PosixShm.unlink(path);
        } catch (PosixShm.Failure e) {
            if (e.errno == PosixShm.ENOENT) {
                throw new IllegalArgumentException("name: no shared memory segment named '" + name + "'", e);
            }
            throw new IllegalStateException("cannot unlink shared memory segment '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The name without the leading slash, as Python's {@code SharedMemory.name} shows it. */
    public String name() {
        return name;
    }

    /** Bytes mapped. */
    public long byteSize() {
        return byteSize;
    }

    /** True while this object will unlink the name on close. */
    public synchronized boolean isOwner() {
        return owner;
    }

    /** The mapped memory, valid until {@link #close()}. */
    public MemorySegment segment() {
        return segment;
    }

    /** A C-order array view of the start of the segment (raw data, no header; see {@link SharedNpy} for that). */
    public NdArray asArray(DType dtype, long... shape) {
        return NdArray.of(segment, dtype, shape);
    }

    /** Gives up ownership: close will not unlink the name, which stays until someone unlinks it. */
    public synchronized SharedSegment persist() {
        checkOpen();
        owner = false;
        return this;
    }

    /**
     * Unmaps the segment and, when this object owns the name, unlinks it.
     *
     * @throws IllegalStateException when already closed, or when the OS refuses to unmap or unlink
     */
    @Override
    public synchronized void close() {
        checkOpen();
        closed = true;
        // Closing the shared arena first makes every later access fail cleanly instead of touching unmapped memory.
        arena.close();
        IllegalStateException failure = null;
        try {
            PosixShm.unmap(address, byteSize);
        } catch (PosixShm.Failure e) {
            failure = new IllegalStateException("cannot unmap shared memory segment '" + name + "': "
                    + e.getMessage(), e);
        }
        if (owner) {
            try {
                PosixShm.unlink(osName(name));
            } catch (PosixShm.Failure e) {
                // ENOENT: someone else (e.g. Python's resource tracker) already removed the name, which is the goal.
                if (e.errno != PosixShm.ENOENT && failure == null) {
                    failure = new IllegalStateException("cannot unlink shared memory segment '" + name + "': "
                            + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "SharedSegment[" + name + ", " + byteSize + " bytes" + (owner ? ", owner" : "")
                + (closed ? ", closed" : "") + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shared memory segment '" + name + "' is already closed");
        }
    }

    /** Checks a Python-style name and returns the OS name ("/" + name). */
    static String osName(String name) {
        Objects.requireNonNull(name, "name");
        PosixShm.checkAvailable();
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.equals(".")
                || name.equals("..")) {
            throw new IllegalArgumentException("name: '" + name + "' is not a valid shared memory name (non-empty,"
                    + " no '/', as in Python's SharedMemory(name=...), e.g. 'kk_rec')");
        }
        return "/" + name;
    }

    private static void unlinkQuietly(String path) {
        try {
            PosixShm.unlink(path);
        } catch (PosixShm.Failure ignored) {
            // best effort while reporting the original failure
        }
    }

    private static void closeQuietly(int fd) {
        try {
            PosixShm.close(fd);
        } catch (PosixShm.Failure ignored) {
            // the descriptor is not needed once mapped; nothing to recover
        }
    }
}
