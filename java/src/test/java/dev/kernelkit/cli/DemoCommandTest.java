package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.purejava.JavaBackend;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code kernelkit demo}: its JSON and table output, and the pieces it is built from. */
class DemoCommandTest {
    private static final int NPROC = Runtime.getRuntime().availableProcessors();

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    @Test
    void smallJsonHasTheWorkloadAndOneResultPerBackendAndThreadCount() {
        CliRun r = CliRun.of("demo", "--size", "small", "--json");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "no progress in JSON mode");
        assertEquals(1, r.out().lines().count(), "one JSON object on one line");

        Map<String, Object> root = cast(MiniJson.parse(r.out().strip()));
        Map<String, Object> workload = cast(root.get("workload"));
        assertEquals(16.0, workload.get("channels"));
        assertEquals(50000.0, workload.get("samples"));
        assertEquals("float64", workload.get("dtype"));
        assertEquals(40.0, workload.get("sigma"));
        assertEquals(1.0, workload.get("axis"));
        assertEquals(321.0, workload.get("taps"));

        List<String> expectedRuns = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (int t : DemoBenchmark.threadCounts(NPROC)) {
                expectedRuns.add(b.name() + "/" + t);
            }
        }
        assertTrue(expectedRuns.stream().anyMatch(s -> s.startsWith("panama/") || s.startsWith("java/")));
        List<Map<String, Object>> results = cast(root.get("results"));
        List<String> runs = results.stream().map(m -> m.get("backend") + "/" + ((Double) m.get("threads")).intValue())
                .toList();
        assertEquals(expectedRuns, runs);

        double tolerance = (Double) root.get("tolerance");
        assertTrue(tolerance > 0 && tolerance < 1e-10, "tolerance " + tolerance);
        boolean javaRan = runs.contains(JavaBackend.NAME + "/1");
        for (Map<String, Object> m : results) {
            double seconds = (Double) m.get("seconds");
            assertTrue(seconds > 0 && seconds < 60, "seconds " + seconds);
            double diff = (Double) m.get("max_abs_diff");
            assertTrue(diff >= 0 && diff <= tolerance, "max_abs_diff " + diff);
            if (javaRan) {
                assertTrue((Double) m.get("speedup_vs_java_1t") > 0);
            } else {
                assertTrue(m.containsKey("speedup_vs_java_1t"));
                assertNull(m.get("speedup_vs_java_1t"));
            }
        }
        assertEquals(Boolean.TRUE, root.get("agree"));
        List<Map<String, Object>> unavailable = cast(root.get("unavailable"));
        assertEquals(Backends.names().size() - Backends.available().size(), unavailable.size());
        unavailable.forEach(u -> assertTrue(!((String) u.get("reason")).isBlank()));
    }

    @Test
    void smallTableHasARowPerRunAndProgressOnStderr() {
        CliRun r = CliRun.of("demo", "--size", "small");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("speed-up vs java 1t"), r.out());
        for (Backend b : Backends.available()) {
            for (int t : DemoBenchmark.threadCounts(NPROC)) {
                Pattern row = Pattern.compile("(?m)^" + b.name() + "\\s+" + t
                        + "\\s+\\d+\\.\\d{4}\\s+\\S+\\s+\\d\\.\\d{3}e[+-]\\d+$");
                assertTrue(row.matcher(r.out()).find(), () -> "no row for " + b.name() + " " + t + " in\n" + r.out());
                assertTrue(r.err().contains("running " + b.name() + ", " + t + " thread"), r.err());
            }
        }
    }

    @Test
    void threadCounts() {
        assertArrayEquals(new int[] {1}, DemoBenchmark.threadCounts(1));
        assertArrayEquals(new int[] {1, 2}, DemoBenchmark.threadCounts(2));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, DemoBenchmark.threadCounts(8));
        assertArrayEquals(new int[] {1, 2, 4, 8, 12}, DemoBenchmark.threadCounts(12));
        assertArrayEquals(new int[] {1, 2, 4, 8, 16}, DemoBenchmark.threadCounts(16));
    }

    @Test
    void workloadIsTheHeadlineOneAndDeterministic() {
        assertEquals(321, DemoWorkload.FULL.taps());
        assertEquals(100, DemoWorkload.FULL.channels());
        assertEquals(400_000, DemoWorkload.FULL.samples());
        assertEquals(DemoWorkload.SMALL, DemoWorkload.forSize(" Small "));
        assertThrows(BadInputException.class, () -> DemoWorkload.forSize("medium"));
        DemoWorkload tiny = new DemoWorkload("tiny", 3, 1000, 2.0);
        try (Arena arena = Arena.ofShared()) {
            double[] a = tiny.synthesise(arena).toDoubleArray();
            double[] b = tiny.synthesise(arena).toDoubleArray();
            assertArrayEquals(a, b, 0.0, "same data every time");
            double[] ch0 = java.util.Arrays.copyOfRange(a, 0, 1000);
            double[] ch1 = java.util.Arrays.copyOfRange(a, 1000, 2000);
            assertTrue(!java.util.Arrays.equals(ch0, ch1), "channels differ");
            for (double v : a) {
                assertTrue(Double.isFinite(v) && Math.abs(v) < 10, "value " + v);
            }
        }
    }

    @Test
    void differencesCountNaNAsDisagreement() {
        NdArray a = NdArray.wrap(new double[] {1, -4, 2}, 3);
        NdArray b = NdArray.wrap(new double[] {1, -4.5, 2}, 3);
        NdArray nan = NdArray.wrap(new double[] {1, Double.NaN, 2}, 3);
        assertEquals(4.0, DemoBenchmark.maxAbs(a.segment()));
        assertEquals(0.5, DemoBenchmark.maxAbsDiff(a.segment(), b.segment()));
        assertTrue(Double.isNaN(DemoBenchmark.maxAbsDiff(a.segment(), nan.segment())));
        var ok = new DemoBenchmark.Result("x", 1, 1.0, 1e-13);
        var nanResult = new DemoBenchmark.Result("x", 2, 1.0, Double.NaN);
        var far = new DemoBenchmark.Result("y", 1, 1.0, 1e-3);
        assertNull(new DemoBenchmark.Outcome(List.of(ok), 1e-12).firstDisagreement());
        assertEquals(nanResult, new DemoBenchmark.Outcome(List.of(ok, nanResult, far), 1e-12).firstDisagreement());
        assertEquals(far, new DemoBenchmark.Outcome(List.of(ok, far), 1e-12).firstDisagreement());
        assertEquals(DType.F64, DemoWorkload.SMALL.dtype());
    }

    @Test
    void speedupsAreAgainstJavaOnOneThread() {
        var outcome = new DemoBenchmark.Outcome(List.of(
                new DemoBenchmark.Result("panama", 1, 0.5, 0.0),
                new DemoBenchmark.Result("panama", 2, 0.25, 0.0),
                new DemoBenchmark.Result("java", 1, 2.0, 1e-16),
                new DemoBenchmark.Result("java", 2, 1.0, 2e-16)), 1e-12);
        java.io.StringWriter json = new java.io.StringWriter();
        DemoReport.printJson(new java.io.PrintWriter(json), DemoWorkload.FULL, outcome,
                Map.of("jna", "not built"));
        Map<String, Object> root = cast(MiniJson.parse(json.toString().strip()));
        List<Map<String, Object>> results = cast(root.get("results"));
        assertEquals(List.of(4.0, 8.0, 1.0, 2.0), results.stream().map(m -> m.get("speedup_vs_java_1t")).toList());
        Map<String, Object> workload = cast(root.get("workload"));
        assertEquals(100.0, workload.get("channels"));
        assertEquals(List.of(Map.of("backend", "jna", "reason", "not built")), root.get("unavailable"));

        java.io.StringWriter table = new java.io.StringWriter();
        DemoReport.printTable(new java.io.PrintWriter(table), DemoWorkload.FULL, outcome, Map.of("jna", "not built"));
        String t = table.toString();
        assertTrue(t.contains("backend jna unavailable: not built"), t);
        assertTrue(Pattern.compile("(?m)^panama\\s+2\\s+0\\.2500\\s+8\\.00x\\s+0\\.000e\\+00$").matcher(t).find(), t);
        assertTrue(Pattern.compile("(?m)^java\\s+1\\s+2\\.0000\\s+1\\.00x\\s+1\\.000e-16$").matcher(t).find(), t);
        // The method option (auto by default) and what it chose on each backend.
        assertTrue(Pattern.compile("(?m)^method: panama auto: (fft|direct), java auto: (fft|direct)$").matcher(t)
                .find(), t);
    }
}
