package dev.kernelkit;

/** How {@link FilterBank} applies a bank of filters. */
public enum BankMethod {
    /**
     * The backend's direct correlation: each line extended once, every filter summed in SciPy's order. Bit-identical
     * to {@link Filters#correlate1d} with each filter.
     */
    DIRECT,
    /**
     * Matrix products through OpenBLAS (JavaCPP): blocks of the extended line as a K×B matrix multiplied by the F×K
     * bank. Equal to {@link #DIRECT} within the core tolerances, not bit for bit. Fails with
     * {@link IllegalStateException} when OpenBLAS cannot be loaded.
     */
    GEMM,
    /** {@link #GEMM} where it was measured faster (by F and K, see {@link FilterBank#chooseMethod}), else direct. */
    AUTO;

    /** Parses {@code direct}, {@code gemm} or {@code auto} (any case). */
    public static BankMethod parse(String name) {
        for (BankMethod m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method: '" + name + "' is not one of direct, gemm, auto");
    }
}
