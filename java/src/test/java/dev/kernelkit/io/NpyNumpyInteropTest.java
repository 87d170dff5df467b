package dev.kernelkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through real NumPy (/usr/bin/python3; skipped when it or numpy is missing). Expected values travel as
 * raw little-endian C-order companions ({@code .raw}) that neither side's .npy code touches.
 */
class NpyNumpyInteropTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsNumpy() {
        PythonNumpy.assumeAvailable();
    }

    /** Loads each NAME.npy (plain and memory-mapped) and prints: name descr shape order equal-to-NAME.raw. */
    private static final String LOAD_AND_DESCRIBE = String.join("\n",
            "import sys, numpy as np",
            "for path in sys.argv[1:]:",
            "    a = np.load(path + '.npy')",
            "    m = np.load(path + '.npy', mmap_mode='r')",
            "    e = np.fromfile(path + '.raw', dtype=a.dtype).reshape(a.shape)",
            "    order = 'F' if a.flags.f_contiguous and not a.flags.c_contiguous else 'C'",
            "    same = np.array_equal(a, e, equal_nan=True) and np.array_equal(m, e, equal_nan=True)",
            "    print(path.rsplit('/', 1)[-1], a.dtype.str, 'x'.join(map(str, a.shape)) or '()', order, same)");

    @Test
    void javaWrittenFilesLoadInNumpy() throws Exception {
        Map<String, NdArray> cases = new LinkedHashMap<>();
        for (DType t : DType.values()) {
            NdArray c3 = NpyTestData.ramp(t, Layout.C, 3, 4, 5);
            cases.put(t + "_c3", c3);
            cases.put(t + "_f3", NpyTestData.ramp(t, Layout.F, 3, 4, 5));
            cases.put(t + "_transposed", c3.transpose(2, 0, 1));
            cases.put(t + "_strided", c3.slice(2, 4, -1, -2).slice(0, 1, 3));
            cases.put(t + "_1d", NpyTestData.ramp(t, Layout.C, 9));
            cases.put(t + "_size1dims", NpyTestData.ramp(t, Layout.F, 1, 6, 1));
            cases.put(t + "_empty", NpyTestData.ramp(t, Layout.C, 2, 0));
            cases.put(t + "_big", NpyTestData.ramp(t, Layout.C, 401, 700).slice(1, 1, 700, 3));
        }
        List<String> expected = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, NdArray> c : cases.entrySet()) {
            NdArray a = c.getValue();
            Path base = dir.resolve(c.getKey());
            Npy.write(Path.of(base + ".npy"), a);
            Files.write(Path.of(base + ".raw"), NpyTestData.littleEndian(a.toDoubleArray(), a.dtype()));
            boolean fortran = !a.isCContiguous() && a.isFContiguous();
            expected.add(c.getKey() + " " + a.dtype().numpyDescr() + " "
                    + Arrays.stream(a.shape()).mapToObj(Long::toString).collect(Collectors.joining("x")) + " "
                    + (fortran ? "F" : "C") + " True");
            args.add(base.toString());
        }
        assertEquals(expected, PythonNumpy.run(LOAD_AND_DESCRIBE, args.toArray(String[]::new)).lines().toList());
    }

    @Test
    void formatVersion2WrittenByUsLoadsInNumpy() throws Exception {
        NdArray a = NpyTestData.ramp(DType.F32, Layout.F, 4, 3);
        NpyHeaderWriter.Encoded e = NpyHeaderWriter.encode(DType.F32, true, a.shape(), 40);
        assertEquals(2, e.header().majorVersion());
        Path base = dir.resolve("v2");
        byte[] data = NpyTestData.littleEndian(NpyTestData.fortranOrderValues(a), DType.F32);
        byte[] file = Arrays.copyOf(e.bytes(), e.bytes().length + data.length);
        System.arraycopy(data, 0, file, e.bytes().length, data.length);
        Files.write(Path.of(base + ".npy"), file);
        Files.write(Path.of(base + ".raw"), NpyTestData.littleEndian(a.toDoubleArray(), DType.F32));
        assertEquals("v2 <f4 4x3 F True", PythonNumpy.run(LOAD_AND_DESCRIBE, base.toString()).strip());
    }

    @Test
    void createdAndMappedFileLoadsInNumpy() throws Exception {
        Path base = dir.resolve("created");
        NdArray expected = NpyTestData.ramp(DType.F64, Layout.C, 6, 5);
        try (Arena arena = Arena.ofConfined()) {
            Npy.create(Path.of(base + ".npy"), DType.F64, new long[] {6, 5}, arena).copyFrom(expected);
        }
        Files.write(Path.of(base + ".raw"), NpyTestData.littleEndian(expected.toDoubleArray(), DType.F64));
        assertEquals("created <f8 6x5 C True", PythonNumpy.run(LOAD_AND_DESCRIBE, base.toString()).strip());

        // A read-write map of that file: the change reaches NumPy.
        try (Arena arena = Arena.ofConfined()) {
            Npy.map(Path.of(base + ".npy"), true, arena).set(-123.25, 5, 4);
        }
        assertEquals("-123.25", PythonNumpy.run("import sys, numpy as np; print(np.load(sys.argv[1])[5, 4])",
                base + ".npy").strip());
    }

    /** NumPy writes arrays of every supported kind; we read (into the heap) and map them, compared with the raw. */
    @Test
    void numpyWrittenFilesReadInJava() throws Exception {
        String script = String.join("\n",
                "import sys, numpy as np",
                "out = sys.argv[1]",
                "rng = np.random.default_rng(12345)",
                "def save(name, a, version):",
                "    with open(out + '/' + name + '.npy', 'wb') as f:",
                "        np.lib.format.write_array(f, a, version=version)",
                "    np.ascontiguousarray(a).tofile(out + '/' + name + '.raw')",
                "    print(name, a.dtype.str, 'x'.join(map(str, a.shape)))",
                "for dt in ('<f4', '<f8'):",
                "    for shape in ((37,), (13, 17), (5, 7, 3)):",
                "        for order in 'CF':",
                "            for v in (1, 2, 3):",
                "                a = rng.standard_normal(shape).astype(dt)",
                "                a = np.asfortranarray(a) if order == 'F' else a",
                "                save('%s_%s_%s_v%d' % (dt[1:], 'x'.join(map(str, shape)), order, v), a, (v, 0))",
                "    big = rng.standard_normal((301, 1100)).astype(dt)",
                "    save(dt[1:] + '_big_F', np.asfortranarray(big), (1, 0))",
                "    save(dt[1:] + '_view', big[::-3, 5:50:2], (1, 0))",
                "    special = np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324 if dt == '<f8' else 1e-45, 1e300"
                        + " if dt == '<f8' else 3e38], dtype=dt)",
                "    save(dt[1:] + '_special', special, (1, 0))");
        List<String> written = PythonNumpy.run(script, dir.toString()).lines().toList();
        assertEquals(2 * (3 * 2 * 3 + 3), written.size(), () -> String.join("\n", written));
        for (String line : written) {
            String[] f = line.split(" ");
            DType dtype = DType.parse(f[1]);
            long[] shape = Arrays.stream(f[2].split("x")).mapToLong(Long::parseLong).toArray();
            long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            double[] raw = NpyTestData.rawValues(dir.resolve(f[0] + ".raw"), 0, n, dtype);
            Path npy = dir.resolve(f[0] + ".npy");
            NdArray read = Npy.read(npy);
            assertEquals(dtype, read.dtype(), line);
            assertArrayEquals(shape, read.shape(), line);
            assertArrayEquals(raw, read.toDoubleArray(), line);
            try (Arena arena = Arena.ofConfined()) {
                NdArray mapped = Npy.map(npy, false, arena);
                assertTrue(mapped.segment().isReadOnly());
                assertArrayEquals(raw, mapped.toDoubleArray(), line);
            }
            // And back: what we write from what NumPy wrote has the same bytes of data.
            Path copy = dir.resolve(f[0] + "_copy.npy");
            Npy.write(copy, read);
            NpyHeader h = Npy.readHeader(copy);
            double[] stored = NpyTestData.rawValues(copy, h.dataOffset(), n, dtype);
            assertArrayEquals(h.fortranOrder() ? NpyTestData.fortranOrderValues(read) : raw, stored, line);
            assertEquals(Npy.readHeader(npy).fortranOrder(), h.fortranOrder(), line);
        }
    }
}
