package dev.kernelkit.threads;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shared libraries mapped into this process, as the dynamic loader reports them — read without loading
 * anything: {@code dl_iterate_phdr} on Linux (an FFM upcall receives each {@code struct dl_phdr_info}), the
 * {@code _dyld_image_count}/{@code _dyld_get_image_name} pair on macOS. Other systems report an empty list.
 */
final class LoadedLibraries {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    /** {@code dlpi_name} follows {@code dlpi_addr} (an ElfW(Addr), pointer-sized) in struct dl_phdr_info. */
    private static final long DLPI_NAME_OFFSET = ValueLayout.ADDRESS.byteSize();

    private LoadedLibraries() {
    }

    /** Absolute paths of the loaded libraries, in load order; the main program and the vDSO are left out. */
    static List<String> paths() {
        try {
            if (OS.contains("linux")) {
                return linux();
            }
            if (OS.contains("mac")) {
                return macos();
            }
        } catch (Throwable e) {
            // Discovery is diagnostic: a platform that lacks the entry points reports nothing rather than failing.
            return List.of();
        }
        return List.of();
    }

    private static List<String> linux() throws Throwable {
        Optional<MemorySegment> iterate = LINKER.defaultLookup().find("dl_iterate_phdr");
        if (iterate.isEmpty()) {
            return List.of();
        }
        MethodHandle call = LINKER.downcallHandle(iterate.get(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        Collector collector = new Collector();
        MethodHandle visit = MethodHandles.lookup().findVirtual(Collector.class, "visit",
                MethodType.methodType(int.class, MemorySegment.class, long.class, MemorySegment.class))
                .bindTo(collector);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = LINKER.upcallStub(visit, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), arena);
            int ignored = (int) call.invokeExact(stub, MemorySegment.NULL);
        }
        return collector.paths;
    }

    /** Receives one {@code dl_phdr_info} per loaded object; returning 0 asks the loader to continue. */
    private static final class Collector {
        final List<String> paths = new ArrayList<>();

        @SuppressWarnings("unused") // called from native code through the upcall stub
        int visit(MemorySegment info, long size, MemorySegment data) {
            MemorySegment name = info.reinterpret(DLPI_NAME_OFFSET + ValueLayout.ADDRESS.byteSize())
                    .get(ValueLayout.ADDRESS, DLPI_NAME_OFFSET);
            if (!name.equals(MemorySegment.NULL)) {
                String path = name.reinterpret(Long.MAX_VALUE).getString(0);
                if (path.startsWith("/")) { // "" is the main program, "linux-vdso.so.1" has no file
                    paths.add(path);
                }
            }
            return 0;
        }
    }

    private static List<String> macos() throws Throwable {
        var lookup = LINKER.defaultLookup();
        MethodHandle count = LINKER.downcallHandle(lookup.find("_dyld_image_count").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        MethodHandle name = LINKER.downcallHandle(lookup.find("_dyld_get_image_name").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        List<String> paths = new ArrayList<>();
        int n = (int) count.invokeExact();
        for (int i = 0; i < n; i++) {
            MemorySegment p = (MemorySegment) name.invokeExact(i);
            if (!p.equals(MemorySegment.NULL)) {
                paths.add(p.reinterpret(Long.MAX_VALUE).getString(0));
            }
        }
        return paths;
    }
}
