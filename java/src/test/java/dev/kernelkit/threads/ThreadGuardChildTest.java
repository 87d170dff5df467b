package dev.kernelkit.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** ThreadGuard in fresh JVMs: the environment set before the native library loads, BLAS discovery, no pools. */
class ThreadGuardChildTest {
    private static final Pattern NUM_THREADS = Pattern.compile(
            "internalApi=(\\w+), version=[^,]*, numThreads=(\\d+)");
    /** The Debian/Ubuntu OpenBLAS (pthreads build), when installed. */
    private static final Path OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0");

    /** Runs ThreadsProbe in a child JVM without the thread variables in its environment; returns its output. */
    private static List<String> probe(List<String> jvmOptions, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ThreadsProbe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().keySet().removeAll(ThreadGuard.ENVIRONMENT_VARIABLES);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    private static int threadsOf(String internalApi, String pools) {
        Matcher m = NUM_THREADS.matcher(pools);
        while (m.find()) {
            if (m.group(1).equals(internalApi)) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new AssertionError("no " + internalApi + " pool in " + pools);
    }

    @Test
    void aProcessWithoutPoolsReportsNone() throws Exception {
        List<String> out = probe(List.of(), "bare");
        assertEquals(List.of("[]"), out);
    }

    @Test
    void propertySetsTheEnvironmentTheOpenmpRuntimeReadsWhenItLoads() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("kernelkit.native.skip"), "native build skipped");
        List<String> unset = probe(List.of(), "property-then-load");
        assertEquals("applied OptionalInt.empty", unset.get(0), unset::toString);
        assertTrue(unset.contains("OMP_NUM_THREADS=unset"), unset::toString);
        Assumptions.assumeTrue(unset.get(unset.size() - 1).contains("internalApi=openmp"), "serial build: no OpenMP");
        int byDefault = threadsOf("openmp", unset.get(unset.size() - 1));
        int wanted = byDefault == 1 ? 2 : 1; // differs from the runtime's own default, so the test can fail

        List<String> set = probe(List.of("-D" + ThreadGuard.PROPERTY + "=" + wanted), "property-then-load");
        assertEquals("applied OptionalInt[" + wanted + "]", set.get(0), set::toString);
        for (String name : ThreadGuard.ENVIRONMENT_VARIABLES) {
            assertTrue(set.contains(name + "=" + wanted), name + " in " + set);
        }
        assertEquals(wanted, threadsOf("openmp", set.get(set.size() - 1)), set::toString);
    }

    @Test
    void findsOpenblasLoadedByTheHostAndLimitsItsPool() throws Exception {
        Assumptions.assumeTrue(Files.exists(OPENBLAS), "OpenBLAS not installed");
        List<String> out = probe(List.of(), "blas", OPENBLAS.toString());
        assertEquals(3, out.size(), out::toString);
        String before = out.get(0);
        assertTrue(before.contains("api=blas, internalApi=openblas"), before);
        assertTrue(before.matches(".*version=\\d+\\.\\d+\\.\\d+,.*"), before);
        assertTrue(before.matches(".*threadingLayer=(pthreads|openmp|disabled)].*"), before);
        int original = threadsOf("openblas", before);
        assertTrue(original >= 1, before);
        assertEquals(1, threadsOf("openblas", out.get(1).substring("inside ".length())), out::toString);
        assertEquals(original, threadsOf("openblas", out.get(2).substring("after ".length())), out::toString);
    }
}
