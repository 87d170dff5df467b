package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case in every {@link ArrayVariant} (heap, Fortran order, strided and reversed views, strided output,
 * in place, returned) on every backend at 1 and 3 threads: the values must match SciPy as in C order, thread counts
 * must agree bit for bit, an out-of-place input must be left unchanged, and nothing outside a strided view may be
 * touched.
 */
class GoldenLayoutsTest {
    /** Failures listed in full; the rest are counted. */
    private static final int SHOWN = 5;

    static Stream<Arguments> variantsOnBackends() {
        return BackendsUnderTest.names().stream()
                .flatMap(backend -> Arrays.stream(ArrayVariant.values()).map(v -> Arguments.of(v, backend)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("variantsOnBackends")
    void matchesScipyInEveryLayout(ArrayVariant variant, String backend) {
        BackendsUnderTest.require(backend);
        List<String> problems = new ArrayList<>();
        int failedCases = 0;
        for (GoldenCase c : GoldenSuite.cases()) {
            List<String> found = check(c, variant, backend);
            if (!found.isEmpty()) {
                failedCases++;
                problems.addAll(found);
            }
        }
        if (failedCases > 0) {
            fail(failedCases + " of " + GoldenSuite.cases().size() + " cases failed in layout " + variant + " on "
                    + backend + "; first problems:\n" + String.join("\n", problems.subList(0,
                    Math.min(SHOWN, problems.size()))));
        }
    }

    private static List<String> check(GoldenCase c, ArrayVariant variant, String backend) {
        List<String> problems = new ArrayList<>();
        double[] first = null;
        for (int threads : GoldenVectorsTest.THREADS) {
            String context = c.describe() + " in layout " + variant + " on " + backend + " with " + threads
                    + " thread(s)";
            try (Arena arena = Arena.ofConfined()) {
                ArrayVariant.Setup s = variant.setup(c.dtype(), c.shape(), c.input(), arena);
                NdArray out = s.out();
                if (out == null) {
                    out = c.runReturning(s.in(), backend, threads);
                } else {
                    c.run(s.in(), out, backend, threads);
                }
                double[] actual = out.toDoubleArray();
                add(problems, Compare.mismatch(context, c.dtype(), c.shape(), c.expected(), c.terms(), actual));
                if (!variant.inPlace()) {
                    double[] stored = ArrayVariant.heap(c.dtype(), c.shape(), c.input()).toDoubleArray();
                    add(problems, Compare.bitDifference(context + ": the input was modified", c.shape(), stored,
                            s.in().toDoubleArray()));
                }
                add(problems, ArrayVariant.guardViolation(context, s));
                if (first == null) {
                    first = actual;
                } else {
                    add(problems, Compare.bitDifference(context + " vs " + GoldenVectorsTest.THREADS[0]
                            + " thread(s)", c.shape(), first, actual));
                }
            } catch (RuntimeException e) {
                problems.add(context + ": threw " + e);
            }
        }
        return problems;
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
