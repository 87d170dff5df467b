package dev.kernelkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Every benchmark method runs once, without JMH, for every combination of its parameters, with the data sizes
 * shrunk to a few samples and the backend lists taken from the library (as bench/run-all does): @Setup,
 * @Benchmark, @TearDown called directly.
 */
class BenchmarkSmokeTest {
    /** Size parameters shrunk so that every combination runs in milliseconds. */
    private static final Map<String, String> TINY = Map.of("channels", "4", "samples", "64");

    /** Parameters whose values come from the library, as bench/run-all passes them (a new backend is run too). */
    private static final Map<String, List<String>> LIVE = Map.of(
            "backend", BenchBackends.names(), "path", BenchBackends.overheadPaths());

    @ParameterizedTest
    @ValueSource(classes = {HeadlineBenchmark.class, CallOverheadBenchmark.class, KernelLengthBenchmark.class,
            MemoryKindBenchmark.class, OversubscriptionBenchmark.class})
    void everyBenchmarkMethodRunsForEveryParameterCombination(Class<?> type) throws Exception {
        List<Field> params = Arrays.stream(type.getFields()).filter(f -> f.isAnnotationPresent(Param.class)).toList();
        List<Method> benchmarks = annotated(type, Benchmark.class);
        assertFalse(benchmarks.isEmpty(), type + " has no @Benchmark method");
        int runs = 0;
        for (List<String> combination : combinations(params)) {
            Object state = type.getConstructor().newInstance();
            for (int i = 0; i < params.size(); i++) {
                set(state, params.get(i), combination.get(i));
            }
            invokeAll(state, annotated(type, Setup.class));
            try {
                for (Method m : benchmarks) {
                    m.invoke(state);
                    runs++;
                }
            } finally {
                invokeAll(state, annotated(type, TearDown.class));
            }
        }
        assertTrue(runs >= 2, type + " ran " + runs + " times");
    }

    @Test
    void backendListsFollowTheLibrary() {
        List<String> names = BenchBackends.names();
        assertTrue(names.containsAll(List.of("panama", "java", "vector")), names.toString());
        assertEquals(names.size() + 2, BenchBackends.overheadPaths().size(), BenchBackends.overheadPaths().toString());
        assertTrue(BenchBackends.overheadPaths().containsAll(List.of("panama:critical", "panama:copy", "java:heap")));
    }

    @Test
    void unknownParameterValuesAreClearErrors() {
        CallOverheadBenchmark b = new CallOverheadBenchmark();
        b.samples = 4;
        b.path = "java:critical";
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                b::setUp);
        assertTrue(e.getMessage().contains("panama only"), e.getMessage());
    }

    private static List<Method> annotated(Class<?> type, Class<? extends java.lang.annotation.Annotation> a) {
        return Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(a)).toList();
    }

    private static void invokeAll(Object target, List<Method> methods) throws Exception {
        for (Method m : methods) {
            try {
                m.invoke(target);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception c ? c : e;
            }
        }
    }

    private static void set(Object state, Field f, String value) throws IllegalAccessException {
        if (f.getType() == int.class) {
            f.setInt(state, Integer.parseInt(value));
        } else {
            f.set(state, value);
        }
    }

    private static List<List<String>> combinations(List<Field> params) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of());
        for (Field f : params) {
            List<String> values = TINY.containsKey(f.getName()) && !isSampleSweep(f) ? List.of(TINY.get(f.getName()))
                    : LIVE.containsKey(f.getName()) && !f.getDeclaringClass().equals(OversubscriptionBenchmark.class)
                    ? LIVE.get(f.getName())
                    : List.of(f.getAnnotation(Param.class).value());
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : all) {
                for (String v : values) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            all = next;
        }
        return all;
    }

    /** Overhead benchmarks sweep the sample count itself (all small enough to run as is). */
    private static boolean isSampleSweep(Field f) {
        return f.getAnnotation(Param.class).value().length > 1;
    }
}
