package dev.kernelkit;

import java.util.Locale;

/**
 * How a line is extended beyond its ends, with scipy.ndimage's names. The native ABI uses the ordinals.
 * SciPy's aliases {@code grid-mirror}, {@code grid-wrap} and {@code grid-constant} parse to
 * {@link #REFLECT}, {@link #WRAP} and {@link #CONSTANT}: for these filters they are the same.
 */
public enum Mode {
    /** {@code d c b a | a b c d | d c b a}: reflect about the edge, the edge sample repeated. */
    REFLECT("reflect"),
    /** {@code d c b | a b c d | c b a}: reflect about the edge sample's centre. */
    MIRROR("mirror"),
    /** {@code a a a a | a b c d | d d d d}: repeat the edge sample. */
    NEAREST("nearest"),
    /** {@code a b c d | a b c d | a b c d}: periodic. */
    WRAP("wrap"),
    /** {@code k k k k | a b c d | k k k k}: a constant, {@code cval}. */
    CONSTANT("constant");

    private final String scipyName;

    Mode(String scipyName) {
        this.scipyName = scipyName;
    }

    /** SciPy's name for this mode. */
    public String scipyName() {
        return scipyName;
    }

    /** Parses a SciPy mode name or alias, case-insensitively. */
    public static Mode parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("mode: must not be null");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "reflect", "grid-mirror" -> REFLECT;
            case "mirror" -> MIRROR;
            case "nearest" -> NEAREST;
            case "wrap", "grid-wrap" -> WRAP;
            case "constant", "grid-constant" -> CONSTANT;
            default -> throw new IllegalArgumentException("mode: unknown '" + name
                    + "' (allowed: reflect, mirror, nearest, wrap, constant, grid-mirror, grid-wrap, grid-constant)");
        };
    }

    @Override
    public String toString() {
        return scipyName;
    }
}
