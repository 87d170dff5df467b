package dev.kernelkit.panama;

import dev.kernelkit.DType;

/**
 * What both native backends ({@code panama} and {@code jna}) need to know about {@code kernelkit.h} beyond the
 * function signatures: the library major version they speak, the dtype codes and what a failing status means.
 */
public final class NativeAbi {
    /** The major version of libkernelkit this code is written against. */
    public static final int MAJOR_VERSION = 0;

    /** KK_ERR_NO_MEMORY: a work buffer could not be allocated. */
    static final int NO_MEMORY = 13;

    private NativeAbi() {
    }

    /** The {@code kk_dtype} code of a dtype. */
    public static int dtype(DType dtype) {
        return dtype == DType.F32 ? 0 : 1;
    }

    /**
     * Throws for a failed call: {@code status} is non-zero and {@code message} is the library's
     * {@code kk_strerror} text for it.
     */
    public static void fail(int status, String message) {
        if (status == NO_MEMORY) {
            throw new OutOfMemoryError("kernelkit: " + message);
        }
        // Java validates every argument first, so any other status is a bug, not bad input.
        throw new IllegalStateException("kernelkit native error " + status + ": " + message);
    }
}
