package dev.kernelkit.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The instruction-set level the native library picks at load time: reported through the binding, forced with
 * KERNELKIT_ISA (each in a child JVM, since the library reads it once), and giving bit-identical results at every
 * level, equal to the pure-Java backend's.
 */
class IsaDispatchTest {
    private static final List<String> LEVELS = List.of("baseline", "avx2", "avx512");

    private static PanamaBackend backend;

    @BeforeAll
    static void load() {
        NativeAssumptions.assumeNativeBuilt();
        backend = new PanamaBackend();
    }

    @Test
    void supportedLevelsAreKnownInOrderAndIncludeTheOneInUse() {
        List<String> supported = backend.supportedIsas();
        assertEquals("baseline", supported.get(0), supported::toString);
        assertEquals(LEVELS.stream().filter(supported::contains).toList(), supported, "known levels, lowest first");
        assertTrue(supported.contains(backend.isa()), backend.isa() + " in " + supported);
        if (!NativeLibrary.platform().endsWith("x86_64")) {
            assertEquals(List.of("baseline"), supported, "x86 levels exist only on x86-64");
        }
    }

    @Test
    void everyForcedLevelIsUsedWhenSupportedAndGivesTheSameBits() throws Exception {
        List<String> supported = backend.supportedIsas();
        String best = supported.get(supported.size() - 1);
        String expectedResult = Long.toHexString(IsaReport.resultHash("java"));
        List<String> requests = new ArrayList<>(LEVELS);
        requests.add("sse9"); // not a level: ignored, with a reason that says so
        Map<String, Process> children = new LinkedHashMap<>();
        for (String request : requests) {
            children.put(request, ChildJvm.start(IsaReport.class, Map.of("KERNELKIT_ISA", request), List.of()));
        }
        for (Map.Entry<String, Process> child : children.entrySet()) {
            String request = child.getKey();
            String report = ChildJvm.finish(child.getValue());
            assertTrue(report.startsWith("0\n"), report);
            boolean honoured = supported.contains(request);
            assertTrue(report.contains("\nisa=" + (honoured ? request : best) + "\n"), request + ": " + report);
            String reason = honoured ? "forced by KERNELKIT_ISA=" + request
                    : LEVELS.contains(request) ? "not supported" : "is not one of baseline, avx2, avx512";
            assertTrue(report.contains(reason), request + ": " + report);
            assertTrue(report.contains("\nresult=" + expectedResult + "\n"),
                    request + ": results differ from the pure-Java backend's: " + report);
        }
    }
}
