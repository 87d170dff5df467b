package dev.kernelkit.threads;

import java.nio.file.Path;
import java.util.List;

/**
 * The thread-pool libraries ThreadGuard recognises: how to tell them by file name, and the C functions that read and
 * set their thread count ({@code int get(void)}, {@code void set(int)}).
 */
enum PoolKind {
    OPENMP("openmp", "openmp", List.of("libgomp", "libomp", "libiomp5"), "omp_get_max_threads",
            "omp_set_num_threads"),
    OPENBLAS("blas", "openblas", List.of("libopenblas"), "openblas_get_num_threads", "openblas_set_num_threads"),
    MKL("blas", "mkl", List.of("libmkl_rt"), "MKL_Get_Max_Threads", "MKL_Set_Num_Threads"),
    BLIS("blas", "blis", List.of("libblis"), "bli_thread_get_num_threads", "bli_thread_set_num_threads");

    final String api;
    final String internalApi;
    private final List<String> filePrefixes;
    final String getter;
    final String setter;

    PoolKind(String api, String internalApi, List<String> filePrefixes, String getter, String setter) {
        this.api = api;
        this.internalApi = internalApi;
        this.filePrefixes = filePrefixes;
        this.getter = getter;
        this.setter = setter;
    }

    /** The kind a library file belongs to, by its name ({@code libgomp.so.1}, {@code libopenblasp-r0.3.21.so}). */
    static PoolKind ofFile(String path) {
        Path fileName = Path.of(path).getFileName();
        if (fileName == null) {
            return null;
        }
        String name = fileName.toString();
        for (PoolKind kind : values()) {
            for (String prefix : kind.filePrefixes) {
                if (name.startsWith(prefix + ".") || name.startsWith(prefix + "-") || name.equals(prefix)
                        || (kind == OPENBLAS && name.startsWith(prefix))) {
                    return kind;
                }
            }
        }
        return null;
    }
}
