package dev.kernelkit.shm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The POSIX shared-memory calls of the C library ({@code shm_open}, {@code shm_unlink}, {@code ftruncate},
 * {@code fstat}, {@code mmap}, {@code munmap}, {@code close}) as FFM downcalls, with errno captured by the linker
 * (reading errno after the call would see whatever the JVM did in between).
 *
 * <p>The flag values and the {@code struct stat} offset of {@code st_size} are ABI facts that differ between Linux
 * and macOS, so they are chosen per platform here. On macOS {@code shm_open} is variadic (the mode travels as a
 * promoted int), and on x86_64 macOS the 64-bit-inode {@code fstat} is the symbol {@code fstat$INODE64}. Only the
 * Linux path is exercised by the tests on this project's machines.
 */
final class PosixShm {
    /** A failed call: the function, errno and the C library's text for it. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int errno;

        Failure(String function, int errno, String text) {
            super(function + ": " + text + " (errno " + errno + ")");
            this.errno = errno;
        }
    }

    /** errno values that are the same on Linux and macOS. */
    static final int ENOENT = 2;
    static final int EEXIST = 17;

    static final boolean MACOS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    static final boolean SUPPORTED = MACOS || System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("linux");

    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CREAT = MACOS ? 0x200 : 0100;
    static final int O_EXCL = MACOS ? 0x800 : 0200;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    /** Offset of st_size in struct stat: Linux x86_64 and aarch64 (generic) agree on 48; macOS (64-bit inode) 96. */
    private static final long ST_SIZE_OFFSET = MACOS ? 96 : 48;
    /** Larger than struct stat on every supported platform (144 bytes at most). */
    private static final long STAT_BYTES = 256;

    /** C library functions this platform lacks (e.g. fstat before glibc 2.33); shared memory needs them all. */
    private static final List<String> MISSING = new ArrayList<>();
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle SHM_OPEN = MACOS
            ? downcall("shm_open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPTION, Linker.Option.firstVariadicArg(2))
            : downcall("shm_open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle SHM_UNLINK = downcall("shm_unlink",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), ERRNO_OPTION);
    private static final MethodHandle FTRUNCATE = downcall("ftruncate",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), ERRNO_OPTION);
    private static final MethodHandle FSTAT = downcall(MACOS ? new String[] {"fstat$INODE64", "fstat"}
            : new String[] {"fstat"},
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS), ERRNO_OPTION);
    private static final MethodHandle MMAP = downcall("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), ERRNO_OPTION);
    private static final MethodHandle MUNMAP = downcall("munmap",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), ERRNO_OPTION);
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle STRERROR = downcall("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(4096,
                    ValueLayout.JAVA_BYTE)), ValueLayout.JAVA_INT));

    private PosixShm() {
    }

    /** Fails with a clear message where named shared memory cannot work. */
    static void checkAvailable() {
        String os = System.getProperty("os.name");
        if (!SUPPORTED) {
            throw new UnsupportedOperationException("named shared memory needs Linux or macOS, not " + os);
        }
        if (!MISSING.isEmpty()) {
            throw new UnsupportedOperationException("named shared memory: the C library of this " + os
                    + " system lacks " + String.join(", ", MISSING));
        }
    }

    /** shm_open(path, flags, mode): a file descriptor. */
    static int open(String path, int flags, int mode) throws Failure {
        return (int) call("shm_open", (state, a) -> (int) SHM_OPEN.invokeExact(state, a.allocateFrom(path), flags,
                mode));
    }

    static void unlink(String path) throws Failure {
        call("shm_unlink", (state, a) -> (int) SHM_UNLINK.invokeExact(state, a.allocateFrom(path)));
    }

    static void truncate(int fd, long bytes) throws Failure {
        call("ftruncate", (state, a) -> (int) FTRUNCATE.invokeExact(state, fd, bytes));
    }

    /** The object's size in bytes (st_size). */
    static long size(int fd) throws Failure {
        long[] size = new long[1];
        call("fstat", (state, a) -> {
            MemorySegment stat = a.allocate(STAT_BYTES, 8);
            int result = (int) FSTAT.invokeExact(state, fd, stat);
            size[0] = stat.get(ValueLayout.JAVA_LONG, ST_SIZE_OFFSET);
            return result;
        });
        return size[0];
    }

    /** mmap(NULL, bytes, PROT_READ[|PROT_WRITE], MAP_SHARED, fd, 0): the address of the mapping. */
    static long map(int fd, long bytes, boolean writable) throws Failure {
        int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
        return call("mmap", (state, a) -> ((MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, bytes, prot,
                MAP_SHARED, fd, 0L)).address());
    }

    static void unmap(long address, long bytes) throws Failure {
        call("munmap", (state, a) -> (int) MUNMAP.invokeExact(state, MemorySegment.ofAddress(address), bytes));
    }

    static void close(int fd) throws Failure {
        call("close", (state, a) -> (int) CLOSE.invokeExact(state, fd));
    }

    /** One downcall with errno captured into {@code state}; returns a long so mmap's address fits. */
    @FunctionalInterface
    private interface Downcall {
        long invoke(MemorySegment state, Arena arena) throws Throwable;
    }

    /** Runs {@code downcall}; -1 (also mmap's MAP_FAILED) is failure, reported with errno. */
    private static long call(String function, Downcall downcall) throws Failure {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CAPTURE);
            long result = downcall.invoke(state, a);
            if (result == -1) {
                int errno = (int) ERRNO.get(state, 0L);
                throw new Failure(function, errno, strerror(errno));
            }
            return result;
        } catch (Failure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("unexpected checked exception from " + function, t);
        }
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "error" : text.getString(0);
        } catch (Throwable t) {
            return "error";
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor fd, Linker.Option... options) {
        return downcall(new String[] {name}, fd, options);
    }

    private static MethodHandle downcall(String[] names, FunctionDescriptor fd, Linker.Option... options) {
        for (String name : names) {
            var symbol = LIBC.find(name);
            if (symbol.isPresent()) {
                return LINKER.downcallHandle(symbol.get(), fd, options);
            }
        }
        // Reported by checkAvailable() when shared memory is used, so that loading this class never fails.
        MISSING.add(names[names.length - 1]);
        return null;
    }
}
