package dev.kernelkit.golden;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import dev.kernelkit.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FilterBank against SciPy (tools/gen_goldens_bank.py: correlate1d per filter stacked with np.stack before the
 * filtered axis) for every backend and both methods, within the core tolerances; and against this library's own
 * per-filter {@link Filters#correlate1d}: bit for bit for the direct method (at 1 and 3 threads), within the core
 * tolerances for GEMM.
 */
class FilterBankGoldenTest {
    record Case(String id, String input, String bank, int axis, String mode, int origin, double cval,
                double terms) {
    }

    static List<Case> manifest() {
        try {
            List<Case> cases = new ArrayList<>();
            for (String line : Files.readAllLines(resource("cases.tsv"))) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                cases.add(new Case(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], Integer.parseInt(f[5]),
                        Double.parseDouble(f[6]), Double.parseDouble(f[7])));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String backend : BackendsUnderTest.names()) {
            for (BankMethod method : new BankMethod[] {BankMethod.DIRECT, BankMethod.GEMM}) {
                for (Case c : manifest()) {
                    all.add(Arguments.of(backend, method, c));
                }
            }
        }
        return all.stream();
    }

    static Path resource(String name) {
        URL url = FilterBankGoldenTest.class.getResource("/golden-bank/" + name);
        if (url == null) {
            throw new IllegalStateException("golden-bank/" + name + " is not on the test class path; run "
                    + "/usr/bin/python3 tools/gen_goldens_bank.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NdArray golden(String name) throws IOException {
        return Npy.read(resource(name + ".npy"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void matchesScipyAndCorrelate1d(String backend, BankMethod method, Case c) throws IOException {
        BackendsUnderTest.require(backend);
        NdArray x = golden(c.input());
        NdArray bank = golden(c.bank());
        double[] expected = golden("exp_" + c.id()).toDoubleArray();
        DType dtype = x.dtype();
        double[] first = null;
        for (int threads : new int[] {1, 3}) {
            FilterOptions options = FilterOptions.defaults().withAxis(c.axis()).withMode(c.mode())
                    .withOrigin(c.origin()).withCval(c.cval()).withBackend(backend).withThreads(threads)
                    .withMethod(Method.DIRECT); // correlate1d's exact bits, which the direct bank must equal
            String context = c.id() + " " + backend + " " + method + " threads " + threads;
            NdArray out = FilterBank.apply(x, bank, options, method);
            Compare.ok(Compare.mismatch(context + " vs SciPy", dtype, out.shape(), expected, c.terms(),
                    out.toDoubleArray()));
            for (int f = 0; f < bank.shape(0); f++) {
                double[] row = bank.slice(0, f, f + 1).toDoubleArray();
                double[] single = Filters.correlate1d(x, row, options).toDoubleArray();
                double[] slice = Backend.bankSlice(out, c.axis(), f).toDoubleArray();
                String where = context + " filter " + f + " vs correlate1d";
                Compare.ok(method == BankMethod.DIRECT ? Compare.bitDifference(where, x.shape(), single, slice)
                        : Compare.mismatch(where, dtype, x.shape(), single, c.terms(), slice));
            }
            if (method == BankMethod.DIRECT) {
                double[] bits = out.toDoubleArray();
                if (first == null) {
                    first = bits;
                } else {
                    Compare.ok(Compare.bitDifference(context + " vs threads 1", out.shape(), first, bits));
                }
            }
        }
    }
}
