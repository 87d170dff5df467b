package dev.kernelkit.threads;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which loaded file defines a symbol as the dynamic linker binds it for a given library — the global scope
 * ({@code dlsym(RTLD_DEFAULT)}: the program and everything loaded {@code RTLD_GLOBAL}) first, then the library's own
 * dependencies ({@code dlsym} on its handle) — and {@code dladdr} to name the file. Matters when a process maps two
 * copies of a library: JavaCPP's OpenBLAS preset loads {@code libopenblas_nolapack.so.0} globally, so even
 * {@code libjniopenblas.so}, which links {@code libopenblas.so.0}, calls the nolapack copy's {@code cblas_dgemm}.
 * Linux (glibc) only.
 */
final class SymbolOwner {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    /** {@code Dl_info}: dli_fname, dli_fbase, dli_sname, dli_saddr — four pointers, the file name first. */
    private static final long DL_INFO_SIZE = 4 * ValueLayout.ADDRESS.byteSize();

    private SymbolOwner() {
    }

    /** The path of the file whose {@code symbol} calls from {@code callerLibrary} reach, or empty when unknown. */
    static Optional<String> fileDefining(String symbol, String callerLibrary) {
        if (!LINUX) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle dlsym = function("dlsym", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS));
            MethodHandle dladdr = function("dladdr", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS));
            // glibc's RTLD_DEFAULT is the null handle.
            MemorySegment address = (MemorySegment) dlsym.invokeExact(MemorySegment.NULL, arena.allocateFrom(symbol));
            if (address.equals(MemorySegment.NULL)) {
                address = SymbolLookup.libraryLookup(Path.of(callerLibrary), arena).find(symbol)
                        .orElse(MemorySegment.NULL);
            }
            if (address.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            MemorySegment info = arena.allocate(DL_INFO_SIZE);
            if ((int) dladdr.invokeExact(address, info) == 0) {
                return Optional.empty();
            }
            MemorySegment file = info.get(ValueLayout.ADDRESS, 0);
            return file.equals(MemorySegment.NULL) ? Optional.empty()
                    : Optional.of(file.reinterpret(Long.MAX_VALUE).getString(0));
        } catch (Throwable e) {
            // Diagnostic lookup, like LoadedLibraries: a libc without these entry points answers "unknown".
            return Optional.empty();
        }
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
