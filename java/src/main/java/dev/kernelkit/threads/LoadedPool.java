package dev.kernelkit.threads;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A recognised thread-pool library that is already loaded, opened once more through
 * {@link SymbolLookup#libraryLookup(Path, Arena)} to reach its functions: dlopen of a loaded library only raises its
 * reference count (nothing new is loaded or initialised), and closing this drops it again.
 */
final class LoadedPool implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();

    final String path;
    final PoolKind kind;
    private final Arena arena;
    private final SymbolLookup symbols;
    private final MethodHandle getter;
    private final MethodHandle setter;

    private LoadedPool(String path, PoolKind kind, Arena arena, SymbolLookup symbols) {
        this.path = path;
        this.kind = kind;
        this.arena = arena;
        this.symbols = symbols;
        this.getter = function(kind.getter, FunctionDescriptor.of(ValueLayout.JAVA_INT)).orElseThrow();
        this.setter = function(kind.setter, FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT)).orElse(null);
    }

    /** Opens a loaded library of the given kind, or returns empty when it lacks the kind's thread-count getter. */
    static Optional<LoadedPool> open(String path, PoolKind kind) {
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup symbols = SymbolLookup.libraryLookup(Path.of(path), arena);
            if (symbols.find(kind.getter).isEmpty()) {
                arena.close();
                return Optional.empty();
            }
            return Optional.of(new LoadedPool(path, kind, arena, symbols));
        } catch (RuntimeException e) {
            arena.close();
            return Optional.empty();
        }
    }

    Optional<MethodHandle> function(String name, FunctionDescriptor descriptor) {
        return symbols.find(name).map(address -> LINKER.downcallHandle(address, descriptor));
    }

    int threads() {
        try {
            return (int) getter.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(kind.getter + " failed in " + path, e);
        }
    }

    boolean canSet() {
        return setter != null;
    }

    void setThreads(int n) {
        try {
            setter.invokeExact(n);
        } catch (Throwable e) {
            throw new IllegalStateException(kind.setter + "(" + n + ") failed in " + path, e);
        }
    }

    /** Reads a C string returned by a {@code const char *f(void)} function of this library, if it has one. */
    Optional<String> string(String function) {
        return function(function, FunctionDescriptor.of(ValueLayout.ADDRESS)).map(h -> {
            try {
                MemorySegment s = (MemorySegment) h.invokeExact();
                return s.equals(MemorySegment.NULL) ? null : s.reinterpret(Long.MAX_VALUE).getString(0);
            } catch (Throwable e) {
                return null;
            }
        });
    }

    /** Calls an {@code int f(void)} function of this library, if it has one. */
    Optional<Integer> integer(String function) {
        return function(function, FunctionDescriptor.of(ValueLayout.JAVA_INT)).map(h -> {
            try {
                return (int) h.invokeExact();
            } catch (Throwable e) {
                return null;
            }
        });
    }

    /** MKL writes its version into a caller's buffer: {@code void MKL_Get_Version_String(char *buf, int len)}. */
    Optional<String> filledString(String function, int capacity) {
        return function(function, FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT)).map(h -> {
            try (Arena local = Arena.ofConfined()) {
                MemorySegment buf = local.allocate(capacity);
                h.invokeExact(buf, capacity);
                return buf.getString(0).trim();
            } catch (Throwable e) {
                return null;
            }
        });
    }

    @Override
    public void close() {
        arena.close();
    }
}
