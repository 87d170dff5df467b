package dev.kernelkit.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.NpyFormatException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs({OS.LINUX, OS.MAC})
class SharedSegmentTest {

    @Test
    void creatorAndOpenerSeeTheSameBytes() {
        String name = ShmTesting.uniqueName("same");
        try (SharedSegment owner = SharedSegment.create(name, 4096);
             SharedSegment other = SharedSegment.open(name)) {
            assertTrue(owner.isOwner());
            assertFalse(other.isOwner());
            assertTrue(other.byteSize() >= 4096);
            owner.segment().set(ValueLayout.JAVA_LONG, 8, 0x1234_5678_9abcL);
            assertEquals(0x1234_5678_9abcL, other.segment().get(ValueLayout.JAVA_LONG, 8));
            other.segment().set(ValueLayout.JAVA_BYTE, 4095, (byte) 7);
            assertEquals(7, owner.segment().get(ValueLayout.JAVA_BYTE, 4095));
            assertEquals(0, owner.segment().get(ValueLayout.JAVA_LONG, 16), "new segments are zero-filled");
        }
        assertFalse(SharedSegment.exists(name));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void ownerUnlinksOnCloseOpenerDoesNot() {
        String name = ShmTesting.uniqueName("owner");
        SharedSegment owner = SharedSegment.create(name, 100);
        SharedSegment.open(name).close();
        assertTrue(Files.exists(ShmTesting.DEV_SHM.resolve(name)), "an opener's close must not unlink");
        owner.close();
        assertFalse(Files.exists(ShmTesting.DEV_SHM.resolve(name)), "the creator's close unlinks");
    }

    @Test
    void persistKeepsTheName() {
        String name = ShmTesting.uniqueName("persist");
        try {
            SharedSegment.create(name, 64).persist().close();
            assertTrue(SharedSegment.exists(name));
            try (SharedSegment again = SharedSegment.open(name, 64)) {
                assertEquals(64, again.byteSize());
            }
        } finally {
            ShmTesting.unlinkIfExists(name);
        }
        assertFalse(SharedSegment.exists(name));
    }

    @Test
    void closingTwiceAndUseAfterCloseFail() {
        SharedSegment s = SharedSegment.create(ShmTesting.uniqueName("twice"), 64);
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::close);
        assertTrue(e.getMessage().contains("already closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> s.segment().get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void clearErrors() {
        String missing = ShmTesting.uniqueName("missing");
        var e = assertThrows(IllegalArgumentException.class, () -> SharedSegment.open(missing));
        assertEquals("name: no shared memory segment named '" + missing + "'", e.getMessage());

        String name = ShmTesting.uniqueName("exists");
        try (SharedSegment s = SharedSegment.create(name, 1000)) {
            assertEquals(1000, s.byteSize());
            e = assertThrows(IllegalArgumentException.class, () -> SharedSegment.create(name, 10));
            assertEquals("name: a shared memory segment named '" + name + "' already exists", e.getMessage());
            long actual;
            try (SharedSegment o = SharedSegment.open(name)) {
                actual = o.byteSize(); // 1000 on Linux; whole pages on macOS
            }
            e = assertThrows(IllegalArgumentException.class, () -> SharedSegment.open(name, actual + 1));
            assertEquals("bytes: shared memory segment '" + name + "' has " + actual + " bytes, expected at least "
                    + (actual + 1), e.getMessage());
        }
        for (String bad : new String[] {"", "a/b", "/kk", ".", ".."}) {
            e = assertThrows(IllegalArgumentException.class, () -> SharedSegment.create(bad, 10), bad);
            assertTrue(e.getMessage().startsWith("name: '" + bad + "' is not a valid shared memory name"),
                    e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> SharedSegment.create(ShmTesting.uniqueName("z"), 0));
        assertTrue(e.getMessage().startsWith("bytes: 0 must be > 0"), e.getMessage());
    }

    @Test
    void npyImageCarriesDtypeAndShape() throws Exception {
        String name = ShmTesting.uniqueName("npy");
        try (SharedSegment s = SharedNpy.create(name, DType.F32, 3, 5)) {
            NdArray a = SharedNpy.array(s);
            for (int i = 0; i < 15; i++) {
                a.set(i + 0.5, i / 5, i % 5);
            }
            try (SharedSegment o = SharedSegment.open(name)) {
                NdArray b = SharedNpy.array(o);
                assertEquals(DType.F32, b.dtype());
                assertArrayEquals(new long[] {3, 5}, b.shape());
                assertArrayEquals(a.toFloatArray(), b.toFloatArray());
                long dataStart = b.byteOffset() + b.segment().address() - o.segment().address();
                assertEquals(dev.kernelkit.io.NpyImage.readHeader(o.segment()).dataOffset(), dataStart);
                assertEquals(0, dataStart % 64, "NumPy pads the header so the data is 64-byte aligned");
            }
        }
    }

    @Test
    void segmentWithoutNpyImageIsReportedWithItsName() {
        String name = ShmTesting.uniqueName("raw");
        try (SharedSegment s = SharedSegment.create(name, 64)) {
            var e = assertThrows(NpyFormatException.class, () -> SharedNpy.array(s));
            assertTrue(e.getMessage().startsWith("shared memory segment '" + name + "': not an .npy file"),
                    e.getMessage());
        }
    }

    @Test
    void imageMustFitAndDataMustBeComplete() throws Exception {
        long needed = dev.kernelkit.io.NpyImage.byteSize(DType.F64, new long[] {10});
        try (SharedSegment small = SharedSegment.create(ShmTesting.uniqueName("small"), needed - 1)) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> dev.kernelkit.io.NpyImage.create(small.segment(), DType.F64, new long[] {10}));
            assertEquals("image: " + (needed - 1) + " bytes cannot hold a float64 array of shape (10,) (" + needed
                    + " bytes needed)", e.getMessage());
            // A header announcing more data than the memory holds.
            dev.kernelkit.io.NpyImage.create(small.segment(), DType.F64, new long[] {9});
            var f = assertThrows(NpyFormatException.class,
                    () -> dev.kernelkit.io.NpyImage.view(small.segment().asSlice(0, needed - 9)));
            assertTrue(f.getMessage().contains("truncated data: header says 72 bytes"), f.getMessage());
        }
    }

    @Test
    void childJvmWritesParentReads() throws Exception {
        String name = ShmTesting.uniqueName("child");
        try (SharedSegment s = SharedNpy.create(name, DType.F64, 1000)) {
            var result = ShmTesting.runJava(ChildWriter.class, name, "0.25");
            assertEquals(0, result.exit(), result.output());
            double[] seen = SharedNpy.array(s).toDoubleArray();
            for (int i = 0; i < seen.length; i++) {
                assertEquals(i * 0.25, seen[i]);
            }
            assertTrue(SharedSegment.exists(name), "the child (an opener) must not unlink the segment");
        }
    }
}
