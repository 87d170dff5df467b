package dev.kernelkit.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Segments shared with Python's multiprocessing.shared_memory, through examples/kernelkit_shm.py. Runs when
 * /usr/bin/python3 with NumPy is available (CI installs python3-numpy); skipped otherwise.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PythonInteropTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Surefire runs in java/; the helpers live in the repository's examples/. */
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @BeforeAll
    static void needsNumpy() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        assumeTrue(python("import numpy").exit() == 0, "no NumPy for /usr/bin/python3");
    }

    record Result(int exit, String output) {
    }

    static Result python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c",
                "import sys; sys.path.insert(0, " + pyString(EXAMPLES.toString()) + ")\n" + script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        return new Result(p.exitValue(), out);
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void pythonOpensAJavaSegmentAndBothSeeTheSameBytes() throws Exception {
        String name = ShmTesting.uniqueName("py_open");
        try (SharedSegment s = SharedNpy.create(name, DType.F64, 4, 25)) {
            NdArray a = SharedNpy.array(s);
            for (int i = 0; i < 100; i++) {
                a.set(i * 0.5 - 7, i / 25, i % 25);
            }
            Result r = python("""
                    import numpy as np, kernelkit_shm
                    shm = kernelkit_shm.attach(sys.argv[1])
                    v = kernelkit_shm.view(shm)
                    assert v.dtype == np.float64 and v.shape == (4, 25), (v.dtype, v.shape)
                    assert np.array_equal(v.ravel(), np.arange(100) * 0.5 - 7), v
                    v *= -3
                    del v
                    shm.close()
                    print("ok")
                    """, name);
            assertEquals(0, r.exit(), r.output());
            for (int i = 0; i < 100; i++) {
                assertEquals((i * 0.5 - 7) * -3, a.get(i / 25, i % 25));
            }
            assertTrue(SharedSegment.exists(name), "Python's resource tracker must not unlink a segment it opened");
        }
    }

    @Test
    void javaOpensAPythonSegment() throws Exception {
        String name = ShmTesting.uniqueName("py_create");
        try {
            Result r = python("""
                    import numpy as np, kernelkit_shm
                    from multiprocessing import resource_tracker
                    shm, v = kernelkit_shm.create(np.arange(15, dtype=np.float32).reshape(3, 5) / 4, sys.argv[1])
                    # Leave it for the Java side: without this the tracker unlinks it when Python exits.
                    resource_tracker.unregister(shm._name, "shared_memory")
                    del v
                    shm.close()
                    print(shm.name)
                    """, name);
            assertEquals(0, r.exit(), r.output());
            assertEquals(name, r.output().strip(), "Python's name is the name Java uses");
            try (SharedSegment s = SharedSegment.open(name)) {
                NdArray a = SharedNpy.array(s);
                assertEquals(DType.F32, a.dtype());
                assertArrayEquals(new long[] {3, 5}, a.shape());
                float[] expected = new float[15];
                for (int i = 0; i < 15; i++) {
                    expected[i] = i / 4f;
                }
                assertArrayEquals(expected, a.toFloatArray());
            }
        } finally {
            ShmTesting.unlinkIfExists(name);
        }
    }
}
