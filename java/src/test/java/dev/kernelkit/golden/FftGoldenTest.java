package dev.kernelkit.golden;

import dev.kernelkit.GaussianKernel;
import dev.kernelkit.Method;
import dev.kernelkit.MethodChoice;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FFT method against SciPy (golden-fft/, written by tools/gen_goldens_fft.py: long kernels, kernels around the
 * auto crossover, lines shorter than the kernel) on every backend: method fft within the core tolerance of SciPy at
 * 1 and 3 threads (bit-identical between them), and in several memory layouts; fft within the same tolerance of
 * direct; auto bit-identical to the method {@link MethodChoice} says it takes.
 */
class FftGoldenTest {
    static final String SUITE = "golden-fft";
    /** Layouts besides C order off-heap: heap (staged or critical calls), strided, reversed, in place. */
    private static final ArrayVariant[] LAYOUTS = {ArrayVariant.HEAP, ArrayVariant.FORTRAN,
        ArrayVariant.STRIDED_OUTPUT, ArrayVariant.REVERSED, ArrayVariant.IN_PLACE_HEAP};

    static Stream<Arguments> casesOnBackends() {
        return BackendsUnderTest.names().stream()
                .flatMap(backend -> GoldenSuite.cases(SUITE).stream().map(c -> Arguments.of(c, backend)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("casesOnBackends")
    void fftMatchesScipyAndDirect(GoldenCase c, String backend) {
        BackendsUnderTest.require(backend);
        double[] first = null;
        for (int threads : GoldenVectorsTest.THREADS) {
            String context = c.describe() + " fft on " + backend + " with " + threads + " thread(s)";
            double[] fft = run(c, backend, threads, Method.FFT, ArrayVariant.OFF_HEAP_C);
            Compare.ok(Compare.mismatch(context, c.dtype(), c.shape(), c.expected(), c.terms(), fft));
            if (first == null) {
                first = fft;
            } else {
                Compare.ok(Compare.bitDifference(context + " vs 1 thread", c.shape(), first, fft));
            }
        }
        double[] direct = run(c, backend, 2, Method.DIRECT, ArrayVariant.OFF_HEAP_C);
        Compare.ok(Compare.mismatch(c.describe() + " fft vs direct on " + backend, c.dtype(), c.shape(), direct,
                c.terms(), first));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("casesOnBackends")
    void autoTakesTheModelsChoice(GoldenCase c, String backend) {
        BackendsUnderTest.require(backend);
        int axis = NdArray.normalizeAxis(c.options(backend, 1).axis(), c.shape().length);
        long n = c.shape()[axis];
        long lines = n == 0 ? 0 : sizeOf(c.shape()) / n;
        Method chosen = MethodChoice.choose(backend, c.dtype(), taps(c), n, lines);
        double[] auto = run(c, backend, 2, Method.AUTO, ArrayVariant.OFF_HEAP_C);
        double[] expected = run(c, backend, 2, chosen, ArrayVariant.OFF_HEAP_C);
        Compare.ok(Compare.bitDifference(c.describe() + " auto (model: " + chosen + ") on " + backend, c.shape(),
                expected, auto));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("casesOnBackends")
    void fftInOtherLayouts(GoldenCase c, String backend) {
        BackendsUnderTest.require(backend);
        List<String> problems = new ArrayList<>();
        for (ArrayVariant variant : LAYOUTS) {
            String context = c.describe() + " fft in layout " + variant + " on " + backend;
            try (Arena arena = Arena.ofConfined()) {
                ArrayVariant.Setup s = variant.setup(c.dtype(), c.shape(), c.input(), arena);
                c.run(s.in(), s.out(), c.options(backend, 2).withMethod(Method.FFT));
                String problem = Compare.mismatch(context, c.dtype(), c.shape(), c.expected(), c.terms(),
                        s.out().toDoubleArray());
                if (problem == null) {
                    problem = ArrayVariant.guardViolation(context, s);
                }
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        Compare.ok(problems.isEmpty() ? null : String.join("\n", problems));
    }

    private static double[] run(GoldenCase c, String backend, int threads, Method method, ArrayVariant variant) {
        try (Arena arena = Arena.ofConfined()) {
            ArrayVariant.Setup s = variant.setup(c.dtype(), c.shape(), c.input(), arena);
            c.run(s.in(), s.out(), c.options(backend, threads).withMethod(method));
            return s.out().toDoubleArray();
        }
    }

    /** The kernel length of a case: its weights, or the Gaussian's 2·radius + 1. */
    static int taps(GoldenCase c) {
        if (c.weights() != null) {
            return c.weights().length;
        }
        String radius = c.params().get("radius");
        String truncate = c.params().getOrDefault("truncate", "4.0");
        int r = radius != null ? Integer.parseInt(radius)
                : GaussianKernel.radius(c.sigma(), Double.parseDouble(truncate));
        return 2 * r + 1;
    }

    private static long sizeOf(long[] shape) {
        long size = 1;
        for (long s : shape) {
            size *= s;
        }
        return size;
    }
}
