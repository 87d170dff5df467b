package dev.kernelkit.panama;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * FFM downcall handles for the functions of {@code kernelkit.h}.
 *
 * <p>The filters have two handles each. The plain one takes off-heap segments and may run for as long as the work
 * needs. The {@code critical} one (Linker.Option.critical(true)) also accepts heap segments without copying, but
 * the JVM cannot reach a safepoint while it runs, so every other thread's GC waits: {@link PanamaBackend} uses it
 * only for small calls.
 */
final class KernelkitNative {
    /** kk_correlate1d and kk_convolve1d share this signature. */
    private static final FunctionDescriptor FIR = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS, // dtype, ndim, shape
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, // input, in_strides, output, out_strides
            JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, // axis, weights, nweights, origin
            JAVA_INT, JAVA_DOUBLE, JAVA_INT); // mode, cval, threads

    private static final FunctionDescriptor GAUSSIAN = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS, // dtype, ndim, shape
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, // input, in_strides, output, out_strides
            JAVA_INT, JAVA_DOUBLE, JAVA_INT, JAVA_DOUBLE, JAVA_LONG, // axis, sigma, order, truncate, radius
            JAVA_INT, JAVA_DOUBLE, JAVA_INT); // mode, cval, threads

    /** kk_lfilter_fir. */
    private static final FunctionDescriptor LFILTER_FIR = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS, // dtype, ndim, shape
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, // input, in_strides, output, out_strides
            JAVA_INT, ADDRESS, JAVA_LONG, // axis, b, nb
            ADDRESS, ADDRESS, JAVA_INT); // zi, zf, threads

    /** kk_filterbank1d. */
    private static final FunctionDescriptor FILTERBANK = FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS, // dtype, ndim, shape
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, // input, in_strides, output, out_strides
            JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, // axis, weights, nfilters, nweights, origin
            JAVA_INT, JAVA_DOUBLE, JAVA_INT); // mode, cval, threads

    final MethodHandle version;
    final MethodHandle versionString;
    final MethodHandle strerror;
    final MethodHandle hasOpenmp;
    final MethodHandle isa;
    final MethodHandle isaSupported;
    final MethodHandle isaName;
    final MethodHandle isaReason;
    final MethodHandle gaussianKernel1d;
    final MethodHandle correlate1d;
    final MethodHandle correlate1dCritical;
    final MethodHandle convolve1d;
    final MethodHandle convolve1dCritical;
    final MethodHandle gaussian1d;
    final MethodHandle gaussian1dCritical;
    final MethodHandle lfilterFir;
    final MethodHandle lfilterFirCritical;
    final MethodHandle filterbank1d;
    /** kk_correlate1d_fft (the FIR signature). */
    final MethodHandle correlate1dFft;
    final MethodHandle correlate1dFftCritical;

    KernelkitNative(SymbolLookup symbols) {
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(true);
        version = bind(linker, symbols, "kk_version", FunctionDescriptor.of(JAVA_INT));
        versionString = bind(linker, symbols, "kk_version_string", FunctionDescriptor.of(ADDRESS));
        strerror = bind(linker, symbols, "kk_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        hasOpenmp = bind(linker, symbols, "kk_has_openmp", FunctionDescriptor.of(JAVA_INT));
        isa = bind(linker, symbols, "kk_isa", FunctionDescriptor.of(JAVA_INT));
        isaSupported = bind(linker, symbols, "kk_isa_supported", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        isaName = bind(linker, symbols, "kk_isa_name", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        isaReason = bind(linker, symbols, "kk_isa_reason", FunctionDescriptor.of(ADDRESS));
        gaussianKernel1d = bind(linker, symbols, "kk_gaussian_kernel1d",
                FunctionDescriptor.of(JAVA_INT, JAVA_DOUBLE, JAVA_INT, JAVA_LONG, ADDRESS));
        correlate1d = bind(linker, symbols, "kk_correlate1d", FIR);
        correlate1dCritical = bind(linker, symbols, "kk_correlate1d", FIR, critical);
        convolve1d = bind(linker, symbols, "kk_convolve1d", FIR);
        convolve1dCritical = bind(linker, symbols, "kk_convolve1d", FIR, critical);
        gaussian1d = bind(linker, symbols, "kk_gaussian1d", GAUSSIAN);
        gaussian1dCritical = bind(linker, symbols, "kk_gaussian1d", GAUSSIAN, critical);
        lfilterFir = bind(linker, symbols, "kk_lfilter_fir", LFILTER_FIR);
        lfilterFirCritical = bind(linker, symbols, "kk_lfilter_fir", LFILTER_FIR, critical);
        filterbank1d = bind(linker, symbols, "kk_filterbank1d", FILTERBANK);
        correlate1dFft = bind(linker, symbols, "kk_correlate1d_fft", FIR);
        correlate1dFftCritical = bind(linker, symbols, "kk_correlate1d_fft", FIR, critical);
    }

    private static MethodHandle bind(Linker linker, SymbolLookup symbols, String name, FunctionDescriptor fd,
                                     Linker.Option... options) {
        MemorySegment address = symbols.find(name).orElseThrow(() ->
                new IllegalStateException("kernelkit: the native library lacks the symbol " + name
                        + " (a stale or foreign libkernelkit?)"));
        return linker.downcallHandle(address, fd, options);
    }

    /** The library's message for a status code. */
    String message(int status) {
        try {
            MemorySegment s = (MemorySegment) strerror.invokeExact(status);
            return s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            return "status " + status;
        }
    }
}
