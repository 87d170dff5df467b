package dev.kernelkit.golden;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * One line of {@code golden/cases.tsv}: a filter call and SciPy's result, with the arrays resolved to C-ordered
 * values. Tests copy {@link #input()} into whatever memory layout they exercise; the expected values do not depend
 * on the layout.
 *
 * @param params  the manifest's key=value parameters, as written by tools/gen_goldens.py
 * @param weights correlate/convolve weights (null for gaussian1d)
 * @param terms   max over the outputs of the sum of |weight|·|value| SciPy added up: the scale of the rounding
 *                error any summation order has, even where the result itself is a near-total cancellation
 */
record GoldenCase(String id, String function, Map<String, String> params, DType dtype, long[] shape, double[] input,
                  double[] expected, double[] weights, double terms) {

    static final Set<String> FUNCTIONS = Set.of("gaussian1d", "correlate1d", "convolve1d");
    private static final Set<String> KEYS =
            Set.of("sigma", "order", "radius", "truncate", "weights", "origin", "axis", "mode", "cval");

    GoldenCase {
        if (!FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException(id + ": unknown function '" + function + "'");
        }
        for (String key : params.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(id + ": unknown parameter '" + key + "' (known: " + KEYS + ")");
            }
        }
    }

    /** The options of this case for one backend and thread count (cval is passed even where a mode ignores it). */
    FilterOptions options(String backend, int threads) {
        FilterOptions o = FilterOptions.defaults()
                .withAxis(Integer.parseInt(require("axis")))
                .withMode(require("mode"))
                .withCval(Double.parseDouble(require("cval")))
                .withBackend(backend)
                .withThreads(threads)
                .withMethod(Method.DIRECT); // SciPy's exact bits: the tests compare layouts and threads bit for bit
        if (function.equals("gaussian1d")) {
            o = o.withOrder(Integer.parseInt(require("order")));
            if (params.containsKey("truncate")) {
                o = o.withTruncate(Double.parseDouble(params.get("truncate")));
            }
            if (params.containsKey("radius")) {
                o = o.withRadius(Integer.parseInt(params.get("radius")));
            }
        } else {
            o = o.withOrigin(Integer.parseInt(require("origin")));
        }
        return o;
    }

    /** Runs the filter into {@code out} (which may be {@code in}). */
    void run(NdArray in, NdArray out, String backend, int threads) {
        run(in, out, options(backend, threads));
    }

    /** Runs the filter into {@code out} with the given options (e.g. {@link #options} with another method). */
    void run(NdArray in, NdArray out, FilterOptions o) {
        switch (function) {
            case "gaussian1d" -> Filters.gaussian1d(in, out, sigma(), o);
            case "correlate1d" -> Filters.correlate1d(in, out, weights, o);
            default -> Filters.convolve1d(in, out, weights, o);
        }
    }

    /** Runs the out-of-place overload, which returns a new array. */
    NdArray runReturning(NdArray in, String backend, int threads) {
        FilterOptions o = options(backend, threads);
        return switch (function) {
            case "gaussian1d" -> Filters.gaussian1d(in, sigma(), o);
            case "correlate1d" -> Filters.correlate1d(in, weights, o);
            default -> Filters.convolve1d(in, weights, o);
        };
    }

    double sigma() {
        return Double.parseDouble(require("sigma"));
    }

    /** Elements per case. */
    int size() {
        return input.length;
    }

    private String require(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalStateException(id + ": parameter '" + key + "' missing from cases.tsv");
        }
        return v;
    }

    /** The case id and its call, for failure messages. */
    String describe() {
        return id + " (" + function + " " + dtype.numpyName() + Arrays.toString(shape) + " " + params + ")";
    }

    @Override
    public String toString() {
        return id;
    }
}
