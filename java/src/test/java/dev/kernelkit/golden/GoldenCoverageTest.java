package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.GaussianKernel;
import dev.kernelkit.NdArray;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The manifest covers what issue 2 asks of the golden vectors, so a regenerated cases.tsv cannot silently drop a
 * mode, order, axis, dtype, short line length or origin.
 */
class GoldenCoverageTest {
    private static final List<String> MODES = List.of("reflect", "mirror", "nearest", "wrap", "constant",
            "grid-mirror", "grid-wrap", "grid-constant");
    private static final List<DType> DTYPES = List.of(DType.F32, DType.F64);

    @Test
    void gaussianCoversEveryModeOrderDtypeAndAxisOfA3dArray() {
        Set<String> seen = new TreeSet<>();
        for (GoldenCase c : cases("gaussian1d")) {
            if (c.shape().length == 3) {
                int axis = NdArray.normalizeAxis(Integer.parseInt(c.params().get("axis")), 3);
                seen.add(c.params().get("mode") + "/" + c.params().get("order") + "/" + axis + "/" + c.dtype());
            }
        }
        for (String mode : MODES) {
            for (int order = 0; order <= 3; order++) {
                for (int axis = 0; axis < 3; axis++) {
                    for (DType dt : DTYPES) {
                        String key = mode + "/" + order + "/" + axis + "/" + dt;
                        assertTrue(seen.contains(key), "no 3-D gaussian1d case for mode/order/axis/dtype " + key);
                    }
                }
            }
        }
    }

    @Test
    void gaussianCoversShortLinesInEveryBaseMode() {
        for (int length : new int[] {1, 2, 3, 5}) {
            for (String mode : MODES.subList(0, 5)) {
                for (DType dt : DTYPES) {
                    boolean found = cases("gaussian1d").stream().anyMatch(c -> c.dtype() == dt
                            && c.params().get("mode").equals(mode) && lineLength(c) == length && radius(c) >= 12);
                    assertTrue(found, "no gaussian1d case with radius >= 12 on lines of length " + length + " in mode "
                            + mode + " " + dt);
                }
            }
        }
    }

    @Test
    void gaussianCoversExplicitRadiusTruncateAndSeveralSigmas() {
        List<GoldenCase> g = cases("gaussian1d");
        assertTrue(g.stream().anyMatch(c -> c.params().containsKey("radius")), "no case with radius=");
        assertTrue(g.stream().anyMatch(c -> c.params().containsKey("truncate")), "no case with truncate=");
        assertTrue(g.stream().anyMatch(c -> c.params().containsKey("radius") && c.params().containsKey("truncate")),
                "no case where radius= overrides truncate=");
        assertTrue(g.stream().anyMatch(c -> radius(c) == 0), "no one-tap (radius 0) case");
        Set<Double> sigmas = g.stream().map(GoldenCase::sigma).collect(Collectors.toSet());
        assertTrue(sigmas.size() >= 4, "only sigmas " + sigmas);
    }

    @Test
    void correlateAndConvolveCoverEveryOriginUpToFiveWeightsInEveryModeAndDtype() {
        for (String function : List.of("correlate1d", "convolve1d")) {
            List<GoldenCase> fir = cases(function);
            for (int n = 1; n <= 5; n++) {
                for (int origin = -(n / 2); origin <= (n - 1) / 2; origin++) {
                    for (DType dt : DTYPES) {
                        for (String mode : MODES.subList(0, 5)) {
                            int len = n;
                            String org = Integer.toString(origin);
                            boolean found = fir.stream().anyMatch(c -> c.weights().length == len && c.dtype() == dt
                                    && c.params().get("origin").equals(org) && c.params().get("mode").equals(mode));
                            assertTrue(found, "no " + function + " case: " + n + " weights, origin " + origin + ", "
                                    + mode + ", " + dt);
                        }
                    }
                }
            }
            Set<String> modes = fir.stream().map(c -> c.params().get("mode")).collect(Collectors.toSet());
            assertEquals(new TreeSet<>(MODES), new TreeSet<>(modes), function + " modes");
            assertTrue(fir.stream().anyMatch(c -> c.weights().length == 8), function + ": no 8-tap case");
            assertTrue(fir.stream().anyMatch(c -> isSymmetric(c.weights(), 1) && c.weights().length % 2 == 1
                    && c.weights().length > 1), function + ": no symmetric odd kernel");
            assertTrue(fir.stream().anyMatch(c -> isSymmetric(c.weights(), -1) && c.weights().length > 1),
                    function + ": no antisymmetric kernel");
            assertTrue(fir.stream().anyMatch(c -> lineLength(c) < c.weights().length),
                    function + ": no line shorter than the kernel");
        }
    }

    private static List<GoldenCase> cases(String function) {
        List<GoldenCase> list = GoldenSuite.cases().stream().filter(c -> c.function().equals(function)).toList();
        assertTrue(!list.isEmpty(), "no " + function + " cases");
        return list;
    }

    private static long lineLength(GoldenCase c) {
        int axis = NdArray.normalizeAxis(Integer.parseInt(c.params().get("axis")), c.shape().length);
        return c.shape()[axis];
    }

    private static int radius(GoldenCase c) {
        String r = c.params().get("radius");
        if (r != null) {
            return Integer.parseInt(r);
        }
        String t = c.params().get("truncate");
        return GaussianKernel.radius(c.sigma(), t == null ? 4.0 : Double.parseDouble(t));
    }

    /** sign 1: w[i] == w[n-1-i]; sign -1: w[i] == -w[n-1-i]. */
    private static boolean isSymmetric(double[] w, int sign) {
        for (int i = 0; i < w.length; i++) {
            if (w[i] != sign * w[w.length - 1 - i]) {
                return false;
            }
        }
        return true;
    }
}
