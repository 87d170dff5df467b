package dev.kernelkit.bench.report;

/** JMH's time units. */
final class Units {
    private Units() {
    }

    /** How many of {@code unit} ("ms/op", "us/op", ...) make one second. */
    static double perSecond(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e3;
            case "us/op" -> 1e6;
            case "ns/op" -> 1e9;
            default -> throw new IllegalArgumentException("unit: unsupported '" + unit
                    + "' (allowed: s/op, ms/op, us/op, ns/op)");
        };
    }
}
