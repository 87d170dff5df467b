package dev.kernelkit.io;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Moves element data between a file and memory in bounded chunks, so arrays of any size (beyond 2 GiB, off-heap or
 * strided) need no heap buffer of their size. The file holds little-endian values; memory holds native-order values
 * (as {@link NdArray} reads them), and the copy through {@link MemorySegment#copy(MemorySegment, ValueLayout, long,
 * MemorySegment, ValueLayout, long, long)} swaps bytes when the two differ.
 */
final class NpyData {
    /** Staging buffer size: large enough to amortise system calls, small enough to stay in cache-friendly range. */
    static final int CHUNK_BYTES = 1 << 20;

    private NpyData() {
    }

    /** The little-endian layout of {@code dtype} elements in a file. */
    static ValueLayout fileLayout(DType dtype) {
        return dtype.layout().withOrder(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Fills all of {@code dst} (contiguous native-order elements) from the file, starting at {@code position}. The
     * caller has checked that the file holds the bytes; a file that shrinks meanwhile is reported as truncated.
     */
    static void read(FileChannel channel, long position, MemorySegment dst, DType dtype) throws IOException {
        long total = dst.byteSize();
        if (total == 0) {
            return;
        }
        int esize = dtype.byteSize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(Math.min(CHUNK_BYTES, total), 64);
            ByteBuffer buf = staging.asByteBuffer();
            for (long done = 0; done < total; ) {
                int n = (int) Math.min(staging.byteSize(), total - done);
                buf.clear().limit(n);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, position + done + buf.position()) < 0) {
                        throw new NpyFormatException("truncated data: the file ended after "
                                + (done + buf.position()) + " of " + total + " data bytes");
                    }
                }
                MemorySegment.copy(staging, fileLayout(dtype), 0, dst, dtype.layout(), done, n / esize);
                done += n;
            }
        }
    }

    /**
     * Writes the elements of {@code array} at {@code position}: in Fortran order when {@code fortranOrder} (the caller
     * only asks for it when the array is F-contiguous), otherwise in C order, element by element for strided views.
     */
    static void write(FileChannel channel, long position, NdArray array, boolean fortranOrder) throws IOException {
        if (array.size() == 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            Sink sink = new Sink(channel, position, arena.allocate(CHUNK_BYTES, 64), array.dtype());
            boolean contiguous = fortranOrder ? array.isFContiguous() : array.isCContiguous();
            if (contiguous) {
                sink.putContiguous(array.segment(), array.offset(), array.size());
            } else {
                writeStridedCOrder(array, sink);
            }
            sink.flush();
        }
    }

    /** Walks the view in C order, one line along the last axis at a time. */
    private static void writeStridedCOrder(NdArray array, Sink sink) throws IOException {
        int nd = array.ndim();
        long[] shape = array.shape();
        long[] strides = array.strides();
        long inner = shape[nd - 1];
        long innerStride = strides[nd - 1];
        long[] index = new long[nd];
        long lines = array.size() / inner;
        for (long line = 0; line < lines; line++) {
            long start = array.offset();
            for (int d = 0; d < nd - 1; d++) {
                start += index[d] * strides[d];
            }
            if (innerStride == 1) {
                sink.putContiguous(array.segment(), start, inner);
            } else {
                sink.putStrided(array.segment(), start, innerStride, inner);
            }
            for (int d = nd - 2; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    /** Collects little-endian elements in a staging segment and writes it to the channel whenever it is full. */
    private static final class Sink {
        private final FileChannel channel;
        private final MemorySegment staging;
        private final ByteBuffer buffer;
        private final DType dtype;
        private final ValueLayout memoryLayout;
        private final ValueLayout fileLayout;
        private final long capacity; // in elements
        private long position;
        private long filled; // in elements

        Sink(FileChannel channel, long position, MemorySegment staging, DType dtype) {
            this.channel = channel;
            this.position = position;
            this.staging = staging;
            this.buffer = staging.asByteBuffer();
            this.dtype = dtype;
            this.memoryLayout = dtype.layout();
            this.fileLayout = fileLayout(dtype);
            this.capacity = staging.byteSize() / dtype.byteSize();
        }

        /** Appends {@code count} consecutive elements starting at element {@code start} of {@code src}. */
        void putContiguous(MemorySegment src, long start, long count) throws IOException {
            while (count > 0) {
                long n = Math.min(count, capacity - filled);
                MemorySegment.copy(src, memoryLayout, start * dtype.byteSize(), staging, fileLayout,
                        filled * dtype.byteSize(), n);
                filled += n;
                start += n;
                count -= n;
                if (filled == capacity) {
                    flush();
                }
            }
        }

        /** Appends {@code count} elements {@code stride} apart starting at element {@code start} of {@code src}. */
        void putStrided(MemorySegment src, long start, long stride, long count) throws IOException {
            while (count > 0) {
                long n = Math.min(count, capacity - filled);
                if (dtype == DType.F64) {
                    ValueLayout.OfDouble from = ValueLayout.JAVA_DOUBLE_UNALIGNED;
                    ValueLayout.OfDouble to = (ValueLayout.OfDouble) fileLayout;
                    for (long i = 0; i < n; i++) {
                        staging.setAtIndex(to, filled + i, src.getAtIndex(from, start + i * stride));
                    }
                } else {
                    ValueLayout.OfFloat from = ValueLayout.JAVA_FLOAT_UNALIGNED;
                    ValueLayout.OfFloat to = (ValueLayout.OfFloat) fileLayout;
                    for (long i = 0; i < n; i++) {
                        staging.setAtIndex(to, filled + i, src.getAtIndex(from, start + i * stride));
                    }
                }
                filled += n;
                start += n * stride;
                count -= n;
                if (filled == capacity) {
                    flush();
                }
            }
        }

        void flush() throws IOException {
            buffer.clear().limit((int) (filled * dtype.byteSize()));
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            filled = 0;
        }
    }
}
