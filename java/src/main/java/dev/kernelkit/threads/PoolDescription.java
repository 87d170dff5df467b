package dev.kernelkit.threads;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a loaded pool says about itself: its version and, for OpenBLAS, its own threading layer. */
final class PoolDescription {
    /** The version suffix of a shared library's file name: libgomp.so.1.0.0 → 1.0.0, libomp.5.dylib → 5. */
    private static final Pattern FILE_VERSION = Pattern.compile("\\.so\\.([0-9][0-9.]*)$|\\.([0-9][0-9.]*)\\.dylib$");

    private PoolDescription() {
    }

    static NativePool describe(LoadedPool pool) {
        return new NativePool(pool.path, pool.kind.api, pool.kind.internalApi, version(pool), pool.threads(),
                pool.kind == PoolKind.OPENBLAS ? openblasThreading(pool) : null);
    }

    private static String version(LoadedPool pool) {
        String declared = switch (pool.kind) {
            // openblas_get_config() begins "OpenBLAS 0.3.21 DYNAMIC_ARCH ...".
            case OPENBLAS -> pool.string("openblas_get_config").map(PoolDescription::secondWord).orElse(null);
            case BLIS -> pool.string("bli_info_get_version_str").orElse(null);
            case MKL -> pool.filledString("MKL_Get_Version_String", 256).orElse(null);
            case OPENMP -> null; // the OpenMP runtimes export no version function
        };
        return declared != null ? declared : fileVersion(pool.path);
    }

    private static String secondWord(String config) {
        String[] words = config.trim().split("\\s+");
        return words.length > 1 ? words[1] : null;
    }

    /** The version in the real file's name (symlinks resolved: libgomp.so.1 → libgomp.so.1.0.0), else null. */
    static String fileVersion(String path) {
        String name;
        try {
            name = Path.of(path).toRealPath().getFileName().toString();
        } catch (IOException | RuntimeException e) {
            name = String.valueOf(Path.of(path).getFileName());
        }
        Matcher m = FILE_VERSION.matcher(name);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** openblas_get_parallel(): 0 single-threaded build, 1 its own pthreads pool, 2 OpenMP. */
    private static String openblasThreading(LoadedPool pool) {
        return pool.integer("openblas_get_parallel").map(p -> switch (p) {
            case 0 -> "disabled";
            case 1 -> "pthreads";
            case 2 -> "openmp";
            default -> "unknown (" + p + ")";
        }).orElse(null);
    }
}
