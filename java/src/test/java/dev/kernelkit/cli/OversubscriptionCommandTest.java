package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kernelkit oversubscription} on a tiny workload: the JSON's shape and sane values (no timing asserts). */
class OversubscriptionCommandTest {
    private static final String[] TINY = {"oversubscription", "--callers", "3", "--channels", "6", "--samples",
        "3000", "--gemms", "2", "--rounds", "1"};

    private static String[] tiny(String... more) {
        List<String> args = new ArrayList<>(List.of(TINY));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void jsonHasEveryScenarioOnceGuardedAndOnceNot() {
        CliRun r = CliRun.of(tiny("--json"));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "--json prints no progress");
        Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(r.out());
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals((double) cores, doc.get("cores"));
        List<?> runs = (List<?>) doc.get("runs");
        assertEquals(4, runs.size(), r::toString);
        List<String> seen = new ArrayList<>();
        for (Object o : runs) {
            Map<?, ?> run = (Map<?, ?>) o;
            seen.add(run.get("name") + "/" + run.get("guarded"));
            double seconds = (Double) run.get("seconds");
            assertTrue(seconds > 0 && seconds < 60, run::toString);
            Object threads = run.get("max_native_threads");
            if (Files.isDirectory(Path.of("/proc/self/task"))) {
                double n = (Double) threads;
                assertTrue(n >= 0 && n == Math.rint(n), run::toString);
                // Every caller and OpenMP/BLAS thread counted at once: at most callers x cores + the GEMM's team.
                assertTrue(n <= 3 * cores + cores, run::toString);
            } else {
                assertEquals(null, threads, "unsupported systems report null");
            }
        }
        assertEquals(List.of("gaussian/false", "gaussian/true", "gaussian+gemm/false", "gaussian+gemm/true"), seen);
    }

    @Test
    void tableNamesTheColumns() {
        CliRun r = CliRun.of(TINY);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("SCENARIO        GUARDED   SECONDS  MAX_NATIVE_THREADS"), r.out());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("gaussian")).count(), r.out());
        assertTrue(r.err().contains("round 1/1: gaussian+gemm, guarded..."), r.err());
    }

    @Test
    void badCountsExitWithStatus2AndOneLine() {
        for (String[] bad : new String[][] {{"--callers", "0"}, {"--rounds", "0"}, {"--samples", "-5"},
            {"--gemms", "-1"}}) {
            CliRun r = CliRun.of(tiny(bad));
            assertEquals(2, r.exit(), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
            assertTrue(r.err().contains(bad[0]), r::toString);
        }
    }

    @Test
    void isListedInTheTopLevelHelp() {
        assertTrue(CliRun.of("--help").out().contains("  oversubscription "));
    }
}
