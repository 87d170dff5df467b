package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.panama.PanamaBackend;
import dev.kernelkit.threads.NativePool;
import dev.kernelkit.threads.ThreadGuard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code kernelkit threads}: the loaded native thread pools as a table and as JSON. */
class ThreadsCommandTest {

    @Test
    void jsonListsWhatThreadGuardSees() {
        CliRun r = CliRun.of("threads", "--json");
        assertEquals(0, r.exit(), r::toString);
        List<?> pools = (List<?>) MiniJson.parse(r.out());
        List<NativePool> expected = ThreadGuard.info();
        assertEquals(expected.size(), pools.size(), r::toString);
        for (int i = 0; i < pools.size(); i++) {
            Map<?, ?> p = (Map<?, ?>) pools.get(i);
            assertEquals(expected.get(i).path(), p.get("path"));
            assertEquals(expected.get(i).internalApi(), p.get("internal_api"));
            assertEquals((double) expected.get(i).numThreads(), p.get("num_threads"));
        }
    }

    @Test
    void tableShowsKernelkitsOpenmpRuntime() {
        Assumptions.assumeFalse(Boolean.getBoolean("kernelkit.native.skip"), "native build skipped");
        Assumptions.assumeTrue(new PanamaBackend().hasOpenMP(), "serial build: no OpenMP runtime");
        CliRun r = CliRun.of("threads");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("API     INTERNAL_API  THREADS"), r.out());
        NativePool omp = ThreadGuard.info().stream().filter(p -> p.api().equals("openmp")).findFirst().orElseThrow();
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("openmp  openmp") && l.endsWith(omp.path())), r.out());
    }

    @Test
    void jsonEscapesStringsAndWritesNullForUnknowns() {
        NativePool p = new NativePool("/lib/libx \"q\".so", "openmp", "openmp", null, 4, null);
        assertEquals("[{\"path\": \"/lib/libx \\\"q\\\".so\", \"api\": \"openmp\", \"internal_api\": \"openmp\", "
                + "\"version\": null, \"num_threads\": 4, \"threading_layer\": null}]",
                ThreadsCommand.json(List.of(p)));
        assertEquals("[]", ThreadsCommand.json(List.of()));
    }

    @Test
    void isListedInTheTopLevelHelp() {
        assertTrue(CliRun.of("--help").out().contains("  threads "));
    }
}
