package dev.kernelkit.bench.report;

import java.util.Arrays;
import java.util.Map;

/**
 * One measured configuration: a benchmark (simple class name) with its parameters, and the distribution of its
 * measured iterations in {@code unit} (JMH's score unit, e.g. ms/op, or SciPy's seconds converted to it).
 */
public record Point(String benchmark, Map<String, String> params, double[] samples, String unit) {
    public Point {
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples: " + benchmark + " " + params + " has no measurement");
        }
        samples = samples.clone();
        Arrays.sort(samples);
        params = Map.copyOf(params);
    }

    /** The median of the measured iterations (the middle one, or the mean of the two middle ones). */
    public double median() {
        int n = samples.length;
        return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    }

    public double min() {
        return samples[0];
    }

    public double max() {
        return samples[samples.length - 1];
    }

    /** The value of one parameter, or "" when the point does not have it. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }
}
