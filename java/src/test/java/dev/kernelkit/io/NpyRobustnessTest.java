package dev.kernelkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged files only ever raise NpyFormatException: never an index, number-format or other runtime exception. */
class NpyRobustnessTest {
    private static final int TRIALS = 400;

    @TempDir
    Path dir;

    /**
     * Every prefix of a good file (each format version and order; every length in the header, every few in the
     * data): the header reads once it is complete, the data once all of it is there.
     */
    @ParameterizedTest
    @ValueSource(strings = {"f8_C_6_v1.npy", "f4_F_2x3x2_v2.npy", "f8_F_3x4_v3.npy", "f8_C_0x3_v1.npy",
        "f8_C_3_v1_trailing-bytes.npy", "f8_F_3x2_v1_messy-header.npy"})
    void everyTruncationIsAFormatError(String fixture) throws IOException {
        byte[] whole = Files.readAllBytes(NpyFixtures.path(fixture));
        NpyHeader h = Npy.readHeader(NpyFixtures.path(fixture));
        Path file = dir.resolve("cut.npy");
        for (int length = 0; length < whole.length; length += length < h.dataOffset() + 2 ? 1 : 5) {
            Files.write(file, Arrays.copyOf(whole, length));
            String at = fixture + " cut to " + length + " bytes";
            if (length >= h.dataOffset()) {
                assertEquals(h, Npy.readHeader(file), at);
            } else {
                assertThrows(NpyFormatException.class, () -> Npy.readHeader(file), at);
            }
            if (length >= h.dataOffset() + h.dataBytes()) {
                assertArrayEquals(h.shape(), Npy.read(file).shape(), at);
            } else {
                NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file), at);
                if (length >= h.dataOffset()) {
                    assertEquals("truncated data: header says " + h.dataBytes() + " bytes", e.getMessage()
                            .substring(0, e.getMessage().indexOf(" bytes") + 6), at);
                }
            }
        }
    }

    /** Random single-byte and multi-byte damage to headers, with a fixed seed so failures reproduce. */
    @ParameterizedTest
    @ValueSource(strings = {"f8_C_3x4_v1.npy", "f4_F_2x3x2_v2.npy", "f8_F_3x4_v3.npy", "f8_F_3x2_v1_messy-header.npy"})
    void damagedHeadersAreFormatErrorsOrStillValid(String fixture) throws IOException {
        byte[] whole = Files.readAllBytes(NpyFixtures.path(fixture));
        int headerEnd = (int) Npy.readHeader(NpyFixtures.path(fixture)).dataOffset();
        byte[] interesting = " \n\t'\"(),:{}[]0123456789-LTFNx\u0000\u0093\u00ff".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1);
        Random random = new Random(fixture.hashCode());
        Path file = dir.resolve("damaged.npy");
        int formatErrors = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] damaged = whole.clone();
            int changes = 1 + random.nextInt(trial % 3 == 0 ? 4 : 1);
            for (int c = 0; c < changes; c++) {
                int pos = random.nextInt(headerEnd);
                damaged[pos] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                        : (byte) random.nextInt(256);
            }
            Files.write(file, damaged);
            try {
                NpyHeader h = Npy.readHeader(file);
                NdArray a = Npy.read(file);
                assertArrayEquals(h.shape(), a.shape());
                if (trial % 8 != 0) {
                    continue;
                }
                try (Arena arena = Arena.ofConfined()) {
                    assertArrayEquals(h.shape(), Npy.map(file, false, arena).shape());
                } catch (NpyFormatException e) {
                    // A damaged header may shift the data to an offset that cannot be mapped.
                    if (!e.getMessage().startsWith("cannot memory-map: data offset")) {
                        throw e;
                    }
                }
            } catch (NpyFormatException e) {
                formatErrors++;
                if (e.getMessage().isBlank() || e.getMessage().contains("\n")) {
                    fail("message must be one non-empty line: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("trial " + trial + " of " + fixture + ": " + e, e);
            }
        }
        // Most random damage must be detected; a few changes (digits in the padding, a space) are harmless.
        if (formatErrors < TRIALS / 3) {
            fail("only " + formatErrors + " of " + TRIALS + " damaged headers were rejected");
        }
    }
}
