package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output is complete or absent: never partial, and an old file survives a failure. */
class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void failureWhileFillingDeletesTheTemporaryAndKeepsTheOldFile() throws IOException {
        Path target = dir.resolve("out.npy");
        byte[] old = {1, 2, 3};
        Files.write(target, old);
        AtomicReference<List<String>> during = new AtomicReference<>();
        RuntimeException boom = new RuntimeException("boom");
        RuntimeException thrown = assertThrows(RuntimeException.class, () ->
                AtomicOutput.write(target, DType.F64, new long[] {4, 5}, out -> {
                    out.set(7.0, 1, 1); // partly written
                    during.set(NpyFiles.names(dir));
                    throw boom;
                }));
        assertEquals(boom, thrown);
        // While the filter ran, the data went to a hidden temporary file beside the target.
        List<String> names = during.get();
        assertEquals(2, names.size(), names::toString);
        String tmp = names.get(0);
        assertEquals(true, tmp.startsWith(".out.npy.") && tmp.endsWith(".tmp"), tmp);
        assertEquals(List.of("out.npy"), NpyFiles.names(dir));
        assertArrayEquals(old, Files.readAllBytes(target));
    }

    @Test
    void successReplacesTheTargetWithTheFilledArray() throws IOException {
        Path target = dir.resolve("out.npy");
        Files.write(target, new byte[] {9});
        AtomicOutput.write(target, DType.F32, new long[] {2, 3}, out -> out.set(1.5, 1, 2));
        NdArray y = Npy.read(target);
        assertEquals(DType.F32, y.dtype());
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1.5}, y.toDoubleArray(), 0.0);
        assertEquals(List.of("out.npy"), NpyFiles.names(dir));
    }
}
