package dev.kernelkit.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The native thread pools of this process — the Java counterpart of Python's threadpoolctl.
 *
 * <p>{@link #info()} lists the OpenMP runtimes (libgomp, libomp, libiomp5) and BLAS libraries (OpenBLAS, MKL, BLIS)
 * that are already loaded, found through the dynamic loader's list of loaded objects; nothing new is loaded.
 *
 * <p>{@link #limit(int)} and its per-API forms change thread counts for a scope. Their reach differs by API, and
 * honestly so: {@code omp_set_num_threads} sets the <em>calling thread's</em> OpenMP default under libgomp and libomp
 * (other Java threads, and parallel regions started from them, keep theirs) — which is why kernelkit passes its thread
 * count explicitly on every native call instead of relying on this setting. OpenBLAS's
 * {@code openblas_set_num_threads}, MKL's and BLIS's setters change a process-wide pool.
 *
 * <p>{@link #configureEnvironment(int)} sets the usual {@code *_NUM_THREADS} variables in the C environment; they
 * take effect only in native libraries that initialise afterwards (a runtime already loaded has read them).
 */
public final class ThreadGuard {
    /** System property read by {@link #applySystemProperty()}: a thread count for every native pool. */
    public static final String PROPERTY = "kernelkit.threads";

    /** The variables native numeric libraries read for their default thread count. */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS");

    private static final AtomicBoolean PROPERTY_APPLIED = new AtomicBoolean();

    private ThreadGuard() {
    }

    /** The thread pools loaded in this process, in load order (empty when none, or on an unsupported system). */
    public static List<NativePool> info() {
        List<NativePool> pools = new ArrayList<>();
        for (LoadedPool pool : open(null)) {
            try (pool) {
                pools.add(PoolDescription.describe(pool));
            }
        }
        return pools;
    }

    /** Limits every loaded pool (OpenMP and BLAS) to n threads until the returned scope closes. */
    public static ThreadLimit limit(int n) {
        return limit(n, null);
    }

    /** Limits the loaded OpenMP runtimes (for the calling thread, see the class comment) to n threads. */
    public static ThreadLimit limitOpenmp(int n) {
        return limit(n, "openmp");
    }

    /** Limits the loaded BLAS libraries (process-wide pools) to n threads. */
    public static ThreadLimit limitBlas(int n) {
        return limit(n, "blas");
    }

    private static ThreadLimit limit(int n, String api) {
        requirePositive("threads", n);
        ThreadLimit scope = new ThreadLimit();
        for (LoadedPool pool : open(api)) {
            if (pool.canSet()) {
                scope.apply(pool, n);
            } else {
                pool.close();
            }
        }
        return scope;
    }

    /**
     * The loaded pool that runs {@code symbol} (e.g. {@code "cblas_dgemm"}) when {@code callerLibrary} (the path of
     * a library that calls it, such as a JNI wrapper) calls it, resolved as the dynamic linker binds the call: the
     * global scope first, then the caller's own dependencies. When a process maps two copies of OpenBLAS, each with
     * its own pool, this is the copy whose thread count governs the call. Empty when the symbol is not found, its
     * file is not a pool that can be set, or the system is not Linux. Resolve once and keep the result.
     */
    public static Optional<BoundPool> poolRunning(String symbol, String callerLibrary) {
        return SymbolOwner.fileDefining(symbol, callerLibrary).flatMap(path -> {
            PoolKind kind = PoolKind.ofFile(path);
            if (kind == null || !kind.api.equals("blas")) {
                return Optional.empty();
            }
            Optional<LoadedPool> pool = LoadedPool.open(path, kind);
            if (pool.isPresent() && !pool.get().canSet()) {
                pool.get().close();
                return Optional.empty();
            }
            return pool.map(BoundPool::new);
        });
    }

    /** Opens the loaded pools of one api ("openmp", "blas"), or of all when api is null. */
    private static List<LoadedPool> open(String api) {
        List<LoadedPool> pools = new ArrayList<>();
        for (String path : LoadedLibraries.paths()) {
            PoolKind kind = PoolKind.ofFile(path);
            if (kind != null && (api == null || kind.api.equals(api))) {
                LoadedPool.open(path, kind).ifPresent(pools::add);
            }
        }
        return pools;
    }

    /**
     * Sets {@link #ENVIRONMENT_VARIABLES} to n in the process's C environment (libc {@code setenv}). Effective only
     * for native libraries that initialise later, and for child processes started through the C library; Java's
     * {@link System#getenv()} and {@link ProcessBuilder} keep the JVM's start-up copy (use
     * {@link #childEnvironment(ProcessBuilder, int)} for those). setenv is not safe against other threads reading
     * the environment at the same moment, so call this early, before native libraries start threads.
     */
    public static void configureEnvironment(int n) {
        requirePositive("threads", n);
        for (String name : ENVIRONMENT_VARIABLES) {
            ProcessEnvironment.set(name, Integer.toString(n));
        }
    }

    /** The C environment's value of a variable (libc {@code getenv}), or empty when unset. */
    public static Optional<String> environmentValue(String name) {
        return Optional.ofNullable(ProcessEnvironment.get(name));
    }

    /**
     * Applies {@code -Dkernelkit.threads=n} once: sets the environment variables as {@link #configureEnvironment}
     * does. Meant to run at kernelkit's first use, before its native library (and its OpenMP runtime) loads; later
     * calls do nothing. Returns the count applied, or empty when the property is unset or was applied already.
     *
     * @throws IllegalArgumentException when the property is not a positive integer
     */
    public static OptionalInt applySystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a positive integer, got '" + value + "'");
        }
        requirePositive(PROPERTY, n);
        if (!PROPERTY_APPLIED.compareAndSet(false, true)) {
            return OptionalInt.empty();
        }
        configureEnvironment(n);
        return OptionalInt.of(n);
    }

    /** Sets {@link #ENVIRONMENT_VARIABLES} to n in a child process's environment; returns the builder. */
    public static ProcessBuilder childEnvironment(ProcessBuilder builder, int n) {
        requirePositive("threads", n);
        for (String name : ENVIRONMENT_VARIABLES) {
            builder.environment().put(name, Integer.toString(n));
        }
        return builder;
    }

    /** The pools as an aligned text table with a header row ("no native thread pools loaded" when empty). */
    public static String table(List<NativePool> pools) {
        if (pools.isEmpty()) {
            return "no native thread pools loaded\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"API", "INTERNAL_API", "THREADS", "VERSION", "THREADING", "PATH"});
        for (NativePool p : pools) {
            rows.add(new String[] {p.api(), p.internalApi(), Integer.toString(p.numThreads()), orDash(p.version()),
                    orDash(p.threadingLayer()), p.path()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(i + 1 < row.length ? String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]) : row[i]);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static void requirePositive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + n);
        }
    }
}
