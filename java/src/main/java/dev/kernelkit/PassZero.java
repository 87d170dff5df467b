package dev.kernelkit;

import java.util.Locale;

/**
 * {@code scipy.signal.firwin}'s {@code pass_zero}: whether the filter passes frequency 0, either as a plain yes/no
 * ({@link #TRUE}, {@link #FALSE}) or as a filter type that also fixes how many cutoffs are allowed.
 */
public enum PassZero {
    /** DC is in a passband (any number of cutoffs). */
    TRUE(true, 0),
    /** DC is in a stopband (any number of cutoffs). */
    FALSE(false, 0),
    /** DC passes; exactly one cutoff. */
    LOWPASS(true, 1),
    /** DC is stopped; exactly one cutoff. */
    HIGHPASS(false, 1),
    /** DC is stopped; at least two cutoffs. */
    BANDPASS(false, 2),
    /** DC passes; at least two cutoffs. */
    BANDSTOP(true, 2);

    private final boolean passesZero;
    /** 0: any count; 1: exactly one cutoff; 2: at least two. */
    private final int cutoffRule;

    PassZero(boolean passesZero, int cutoffRule) {
        this.passesZero = passesZero;
        this.cutoffRule = cutoffRule;
    }

    /** True when frequency 0 is in a passband. */
    public boolean passesZero() {
        return passesZero;
    }

    /** The name SciPy uses: {@code true}, {@code false}, {@code lowpass}, ... */
    public String scipyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses SciPy's spellings: {@code true}/{@code false} (any case) or a filter type.
     *
     * @throws IllegalArgumentException naming {@code passZero} and the allowed values
     */
    public static PassZero parse(String text) {
        String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (PassZero p : values()) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("passZero: '" + text + "' is not one of true, false, lowpass, highpass, "
                + "bandpass, bandstop");
    }

    /** Checks the number of cutoffs this filter type allows, as SciPy does. */
    void checkCutoffCount(int count) {
        if (cutoffRule == 1 && count != 1) {
            throw new IllegalArgumentException("cutoff: " + scipyName() + " needs exactly one cutoff, got " + count);
        }
        if (cutoffRule == 2 && count < 2) {
            throw new IllegalArgumentException("cutoff: " + scipyName() + " needs at least two cutoffs, got "
                    + count);
        }
    }
}
