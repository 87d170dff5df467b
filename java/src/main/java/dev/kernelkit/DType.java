package dev.kernelkit;

import java.lang.foreign.ValueLayout;

/** Element types kernelkit filters: little-endian IEEE float32 and float64 (NumPy's {@code <f4} and {@code <f8}). */
public enum DType {
    F32(4, "<f4", "float32"),
    F64(8, "<f8", "float64");

    private final int byteSize;
    private final String numpyDescr;
    private final String numpyName;

    DType(int byteSize, String numpyDescr, String numpyName) {
        this.byteSize = byteSize;
        this.numpyDescr = numpyDescr;
        this.numpyName = numpyName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The NumPy {@code descr} string, e.g. {@code "<f8"}. */
    public String numpyDescr() {
        return numpyDescr;
    }

    /** The NumPy dtype name, e.g. {@code "float64"}. */
    public String numpyName() {
        return numpyName;
    }

    /** The unaligned-safe element layout for reading and writing this type in a memory segment. */
    public ValueLayout layout() {
        return this == F32 ? ValueLayout.JAVA_FLOAT_UNALIGNED : ValueLayout.JAVA_DOUBLE_UNALIGNED;
    }

    /** Parses {@code float32}, {@code float64}, {@code f4}, {@code f8}, {@code <f4}, {@code <f8} (case-insensitive). */
    public static DType parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "float32", "f4", "<f4", "f32", "single", "float" -> F32;
            case "float64", "f8", "<f8", "f64", "double" -> F64;
            default -> throw new IllegalArgumentException(
                    "dtype: unsupported '" + name + "' (allowed: float32, float64)");
        };
    }
}
