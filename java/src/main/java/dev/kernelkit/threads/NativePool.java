package dev.kernelkit.threads;

/**
 * One native thread pool loaded in this process ({@code kernelkit threads --json} prints these as JSON objects
 * with the same fields in snake_case).
 *
 * @param path           the library file, as the dynamic loader reports it
 * @param api            {@code "openmp"} or {@code "blas"}
 * @param internalApi    the implementation: {@code "openmp"} (libgomp, libomp, libiomp5), {@code "openblas"},
 *                       {@code "mkl"} or {@code "blis"}
 * @param version        the library's version where it tells (OpenBLAS, BLIS, MKL) or its file name's version
 *                       suffix, else null
 * @param numThreads     the pool's current thread count (for OpenMP: {@code omp_get_max_threads} of the calling
 *                       thread)
 * @param threadingLayer OpenBLAS's own threading ({@code "pthreads"}, {@code "openmp"}, {@code "disabled"}), else
 *                       null
 */
public record NativePool(String path, String api, String internalApi, String version, int numThreads,
                         String threadingLayer) {
}
