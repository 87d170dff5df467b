package dev.kernelkit.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C ABI ({@code native/include/kernelkit.h}) through JNA direct mapping: {@link Native#register} binds these
 * static native methods to the library's symbols once, so a call costs one JNI transition, without the reflection
 * and per-call argument conversion of JNA's interface mapping. Array data goes as {@link Pointer}s to native memory;
 * the small {@code long[]}/{@code double[]} arguments (shape, strides, weights) are copied by JNA for the call.
 */
final class KernelkitJna {
    private KernelkitJna() {
    }

    /** Binds the methods below to the library file at {@code path} (once per JVM; the caller synchronises). */
    static void register(String path) {
        Native.register(KernelkitJna.class, NativeLibrary.getInstance(path));
    }

    static native int kk_version();

    static native String kk_version_string();

    static native String kk_strerror(int status);

    static native int kk_correlate1d(int dtype, int ndim, long[] shape, Pointer input, long[] inStrides,
                                     Pointer output, long[] outStrides, int axis, double[] weights, long nweights,
                                     long origin, int mode, double cval, int threads);

    static native int kk_correlate1d_fft(int dtype, int ndim, long[] shape, Pointer input, long[] inStrides,
                                         Pointer output, long[] outStrides, int axis, double[] weights,
                                         long nweights, long origin, int mode, double cval, int threads);

    static native int kk_convolve1d(int dtype, int ndim, long[] shape, Pointer input, long[] inStrides,
                                    Pointer output, long[] outStrides, int axis, double[] weights, long nweights,
                                    long origin, int mode, double cval, int threads);

    static native int kk_gaussian1d(int dtype, int ndim, long[] shape, Pointer input, long[] inStrides,
                                    Pointer output, long[] outStrides, int axis, double sigma, int order,
                                    double truncate, long radius, int mode, double cval, int threads);

    static native int kk_filterbank1d(int dtype, int ndim, long[] shape, Pointer input, long[] inStrides,
                                      Pointer output, long[] outStrides, int axis, double[] weights, long nfilters,
                                      long nweights, long origin, int mode, double cval, int threads);

    static native int kk_lfilter_fir(int dtype, int ndim, long[] shape, Pointer input, long[] inStrides,
                                     Pointer output, long[] outStrides, int axis, double[] b, long nb,
                                     double[] zi, double[] zf, int threads);
}
