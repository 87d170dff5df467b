package dev.kernelkit.golden;

import java.lang.foreign.Arena;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend against SciPy on every golden case (C-ordered off-heap arrays), at 1 and 3 threads; the two thread
 * counts must give bit-identical results. Other memory layouts are {@link GoldenLayoutsTest}'s job.
 */
class GoldenVectorsTest {
    static final int[] THREADS = {1, 3};

    static Stream<Arguments> casesOnBackends() {
        return BackendsUnderTest.names().stream()
                .flatMap(backend -> GoldenSuite.cases().stream().map(c -> Arguments.of(c, backend)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("casesOnBackends")
    void matchesScipy(GoldenCase c, String backend) {
        BackendsUnderTest.require(backend);
        double[] first = null;
        for (int threads : THREADS) {
            String context = c.describe() + " on " + backend + " with " + threads + " thread(s)";
            double[] actual;
            try (Arena arena = Arena.ofConfined()) {
                ArrayVariant.Setup s = ArrayVariant.OFF_HEAP_C.setup(c.dtype(), c.shape(), c.input(), arena);
                c.run(s.in(), s.out(), backend, threads);
                actual = s.out().toDoubleArray();
            }
            Compare.ok(Compare.mismatch(context, c.dtype(), c.shape(), c.expected(), c.terms(), actual));
            if (first == null) {
                first = actual;
            } else {
                Compare.ok(Compare.bitDifference(context + " vs " + THREADS[0] + " thread(s)", c.shape(), first,
                        actual));
            }
        }
    }
}
