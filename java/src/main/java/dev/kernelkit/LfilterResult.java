package dev.kernelkit;

/**
 * The result of {@link Filters#lfilter}: the filtered signal {@code y}, and the final filter state {@code zf} (SciPy's
 * form, shaped like the initial state {@code zi}, in the signal's dtype), or null when no initial state was given.
 */
public record LfilterResult(NdArray y, NdArray zf) {
}
