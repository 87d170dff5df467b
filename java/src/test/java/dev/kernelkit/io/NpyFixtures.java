package dev.kernelkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fixtures written by tools/gen_npy_fixtures.py and their naming convention:
 * {@code {f4|f8}_{C|F}_{shape}_v{n}[_{tag}].npy} holds {@code arange(n).reshape(shape) * 0.5 + 1}.
 */
final class NpyFixtures {
    private NpyFixtures() {
    }

    /** What a good fixture's name says about it. */
    record Good(String file, DType dtype, boolean fortran, long[] shape, int version, String tag) {
        static Good parse(String file) {
            String[] parts = file.substring(0, file.length() - ".npy".length()).split("_", 5);
            DType dtype = DType.parse(parts[0]);
            boolean fortran = parts[1].equals("F");
            long[] shape = Arrays.stream(parts[2].split("x")).mapToLong(Long::parseLong).toArray();
            int version = Integer.parseInt(parts[3].substring(1));
            return new Good(file, dtype, fortran, shape, version, parts.length > 4 ? parts[4] : "");
        }

        Path path() {
            return dir().resolve(file);
        }
    }

    static Path dir() {
        try {
            return Path.of(NpyFixtures.class.getResource("/npy/MANIFEST.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String file) {
        return dir().resolve(file);
    }

    static List<String> files() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".npy")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> goodFiles() {
        return files().stream().filter(n -> !n.startsWith("bad_")).toList();
    }

    /** The fixture value at a (logical) index: its C-order position times 0.5, plus 1. */
    static double expected(long[] shape, long[] index) {
        long[] c = Layout.C.strides(shape);
        long linear = 0;
        for (int d = 0; d < shape.length; d++) {
            linear += index[d] * c[d];
        }
        return linear * 0.5 + 1;
    }

    /** Asserts every element of {@code a} equals the fixture formula. */
    static void assertFormulaValues(NdArray a) {
        long[] shape = a.shape();
        long[] index = new long[shape.length];
        for (long i = 0; i < a.size(); i++) {
            long rest = i;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            assertEquals(expected(shape, index), a.get(index), () -> "at " + Arrays.toString(index));
        }
    }
}
