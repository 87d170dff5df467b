package dev.kernelkit.shm;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.NpyFormatException;
import dev.kernelkit.io.NpyImage;

/**
 * Self-describing arrays in shared memory: the segment holds an {@code .npy} image (header, then data), so dtype and
 * shape travel with the name. In Python: {@code np.ndarray(shape, dtype, buffer=shm.buf, offset=data_offset)} after
 * parsing the header, or the helper in {@code examples/shm_gaussian.py}.
 */
public final class SharedNpy {
    private SharedNpy() {
    }

    /** Creates a segment holding a zero-filled C-order array (this process owns the name). */
    public static SharedSegment create(String name, DType dtype, long... shape) {
        SharedSegment segment = SharedSegment.create(name, NpyImage.byteSize(dtype, shape));
        try {
            NpyImage.create(segment.segment(), dtype, shape);
            return segment;
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /** The array held by a segment, as a view of its data (valid until the segment is closed). */
    public static NdArray array(SharedSegment segment) throws NpyFormatException {
        try {
            return NpyImage.view(segment.segment());
        } catch (NpyFormatException e) {
            throw new NpyFormatException("shared memory segment '" + segment.name() + "': " + e.getMessage());
        }
    }
}
