package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kernelkit.DType;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The backends against each other on every golden case: within the SciPy tolerance of each other (judged against the
 * first backend's result). Whether they are also bit-identical is reported per dtype on standard output, not
 * asserted: the same arithmetic in a different order (vectorised or folded sums) may round differently.
 */
class BackendAgreementTest {

    @Test
    void backendsAgreeOnEveryCase() {
        List<String> backends = BackendsUnderTest.loaded();
        Assumptions.assumeTrue(backends.size() >= 2, "only " + backends + " loaded here; nothing to compare");
        String reference = backends.get(0);
        Map<DType, int[]> identical = new EnumMap<>(DType.class); // {bit-identical, compared}
        List<String> problems = new ArrayList<>();
        List<String> notIdentical = new ArrayList<>();
        for (GoldenCase c : GoldenSuite.cases()) {
            double[] ref = run(c, reference);
            for (String other : backends.subList(1, backends.size())) {
                double[] got = run(c, other);
                String context = c.describe() + ": " + other + " vs " + reference + " (as expected values)";
                String problem = Compare.mismatch(context, c.dtype(), c.shape(), ref, c.terms(), got);
                if (problem != null) {
                    problems.add(problem);
                }
                int[] counts = identical.computeIfAbsent(c.dtype(), d -> new int[2]);
                counts[1]++;
                String bits = Compare.bitDifference(c.id() + ": " + other + " vs " + reference, c.shape(), ref, got);
                if (bits == null) {
                    counts[0]++;
                } else {
                    notIdentical.add(bits);
                }
            }
        }
        identical.forEach((dtype, counts) -> System.out.printf("golden: %s vs %s, %s: bit-identical in %d of %d "
                + "cases%n", String.join("/", backends.subList(1, backends.size())), reference, dtype.numpyName(),
                counts[0], counts[1]));
        notIdentical.stream().limit(5).forEach(line -> System.out.println("golden: not bit-identical: " + line));
        if (!problems.isEmpty()) {
            fail(problems.size() + " case/backend pairs disagree beyond the tolerance; first:\n" + problems.get(0));
        }
    }

    private static double[] run(GoldenCase c, String backend) {
        try (Arena arena = Arena.ofConfined()) {
            ArrayVariant.Setup s = ArrayVariant.OFF_HEAP_C.setup(c.dtype(), c.shape(), c.input(), arena);
            c.run(s.in(), s.out(), backend, 3);
            return s.out().toDoubleArray();
        }
    }
}
