package dev.kernelkit.purejava;

import dev.kernelkit.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Moves samples of a group of lines between an array's memory and {@code double[]} buffers, one buffer per line.
 * Line {@code g} of a group starts at element {@code base + g * groupStep}; its sample {@code i} is {@code i * step}
 * further. float32 values are widened to double on the way in and rounded on the way out, as SciPy's line buffers do.
 *
 * <p>Three ways, fastest first:
 * <ul>
 *   <li>a single contiguous line (step ±1): bulk {@link MemorySegment#copy} calls;</li>
 *   <li>a group of adjacent lines ({@code groupStep == 1}) whose positions are whole contiguous rows
 *       ({@code step == lines}, e.g. all columns of a C-ordered matrix filtered along axis 0), or long runs: tiles of
 *       rows are copied in bulk and transposed in cache — memory is streamed at full bandwidth;</li>
 *   <li>anything else element by element, line by line.</li>
 * </ul>
 */
final class LineIO {
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Elements per tile of rows (32 KiB of doubles: stays in the L1/L2 cache while transposed). */
    private static final int TILE = 4096;
    /** Below this many lines a row is too short for a bulk copy to pay (unless rows are contiguous). */
    private static final int MIN_TILE_RUN = 32;

    private final MemorySegment segment;
    private final boolean f32;
    private final long step;
    private final long groupStep;

    LineIO(MemorySegment segment, DType dtype, long step, long groupStep) {
        this.segment = segment;
        this.f32 = dtype == DType.F32;
        this.step = step;
        this.groupStep = groupStep;
    }

    /** The value at an element offset, widened to double. */
    double element(long offset) {
        return f32 ? segment.getAtIndex(F32, offset) : segment.getAtIndex(F64, offset);
    }

    /**
     * Reads samples {@code i0 .. i0+count-1} of lines {@code 0..lines-1} of the group at {@code base} into
     * {@code bufs[g][pos ..]}.
     */
    void read(long base, int lines, long i0, int count, double[][] bufs, int pos, Scratch scratch) {
        if (count == 0) {
            return;
        }
        if (lines == 1 && (step == 1 || step == -1)) {
            readRun(base, i0, count, bufs[0], pos, scratch.floats(count));
        } else if (tiled(lines)) {
            readTiles(base, lines, i0, count, bufs, pos, scratch);
        } else {
            readRows(base, lines, i0, count, bufs, pos);
        }
    }

    /**
     * Line by line. For a group of adjacent lines the memory one line touches (one cache line per position, a window
     * at most) is still cached when the next line reads its neighbouring samples, so memory is read once; and a
     * one-dimensional loop over a loop-invariant segment lets C2 hoist its checks.
     */
    private void readRows(long base, int lines, long i0, int count, double[][] bufs, int pos) {
        MemorySegment seg = segment;
        long st = step;
        for (int g = 0; g < lines; g++) {
            double[] buf = bufs[g];
            long first = base + g * groupStep + i0 * st;
            if (f32) {
                for (int p = 0; p < count; p++) {
                    buf[pos + p] = seg.getAtIndex(F32, first + p * st);
                }
            } else {
                for (int p = 0; p < count; p++) {
                    buf[pos + p] = seg.getAtIndex(F64, first + p * st);
                }
            }
        }
    }

    private boolean tiled(int lines) {
        return groupStep == 1 && lines > 1 && (step == lines || lines >= MIN_TILE_RUN);
    }

    private void readTiles(long base, int lines, long i0, int count, double[][] bufs, int pos, Scratch scratch) {
        int rows = Math.max(1, TILE / lines);
        double[] tile = scratch.tile(rows * lines);
        float[] floats = f32 ? scratch.floats(rows * lines) : null;
        for (int p0 = 0; p0 < count; p0 += rows) {
            int r = Math.min(rows, count - p0);
            long first = base + (i0 + p0) * step;
            if (step == lines) {
                copyIn(first, r * lines, tile, 0, floats);
            } else {
                for (int q = 0; q < r; q++) {
                    copyIn(first + q * step, lines, tile, q * lines, floats);
                }
            }
            for (int g = 0; g < lines; g++) {
                double[] buf = bufs[g];
                int at = pos + p0;
                for (int q = 0; q < r; q++) {
                    buf[at + q] = tile[q * lines + g];
                }
            }
        }
    }

    private void writeTiles(long base, int lines, long i0, int count, double[][] bufs, int pos, Scratch scratch) {
        int rows = Math.max(1, TILE / lines);
        double[] tile = scratch.tile(rows * lines);
        float[] floats = f32 ? scratch.floats(rows * lines) : null;
        for (int p0 = 0; p0 < count; p0 += rows) {
            int r = Math.min(rows, count - p0);
            for (int g = 0; g < lines; g++) {
                double[] buf = bufs[g];
                int at = pos + p0;
                for (int q = 0; q < r; q++) {
                    tile[q * lines + g] = buf[at + q];
                }
            }
            long first = base + (i0 + p0) * step;
            if (step == lines) {
                copyOut(tile, 0, r * lines, first, floats);
            } else {
                for (int q = 0; q < r; q++) {
                    copyOut(tile, q * lines, lines, first + q * step, floats);
                }
            }
        }
    }

    /** {@code count} elements from element offset {@code first} into {@code dst[at ..]}, widening float32. */
    private void copyIn(long first, int count, double[] dst, int at, float[] floats) {
        if (f32) {
            MemorySegment.copy(segment, F32, first * 4, floats, 0, count);
            for (int i = 0; i < count; i++) {
                dst[at + i] = floats[i];
            }
        } else {
            MemorySegment.copy(segment, F64, first * 8, dst, at, count);
        }
    }

    /** {@code count} values from {@code src[at ..]} to element offset {@code first}, rounding for float32. */
    private void copyOut(double[] src, int at, int count, long first, float[] floats) {
        if (f32) {
            for (int i = 0; i < count; i++) {
                floats[i] = (float) src[at + i];
            }
            MemorySegment.copy(floats, 0, segment, F32, first * 4, count);
        } else {
            MemorySegment.copy(src, at, segment, F64, first * 8, count);
        }
    }

    private void readRun(long base, long i0, int count, double[] buf, int pos, float[] floats) {
        // The samples occupy one ascending run of memory; for step -1 it holds them in reverse.
        long first = step == 1 ? base + i0 : base - (i0 + count - 1);
        if (f32) {
            MemorySegment.copy(segment, F32, first * 4, floats, 0, count);
            if (step == 1) {
                for (int p = 0; p < count; p++) {
                    buf[pos + p] = floats[p];
                }
            } else {
                for (int p = 0; p < count; p++) {
                    buf[pos + p] = floats[count - 1 - p];
                }
            }
        } else {
            MemorySegment.copy(segment, F64, first * 8, buf, pos, count);
            if (step == -1) {
                reverse(buf, pos, count);
            }
        }
    }

    /**
     * Writes {@code bufs[g][pos .. pos+count)} to samples {@code i0 ..} of the group's lines. The buffers may be
     * reordered in the process (they are scratch).
     */
    void write(long base, int lines, long i0, int count, double[][] bufs, int pos, Scratch scratch) {
        if (count == 0) {
            return;
        }
        if (lines == 1 && (step == 1 || step == -1)) {
            writeRun(base, i0, count, bufs[0], pos, scratch.floats(count));
        } else if (tiled(lines)) {
            writeTiles(base, lines, i0, count, bufs, pos, scratch);
        } else {
            writeRows(base, lines, i0, count, bufs, pos);
        }
    }

    private void writeRows(long base, int lines, long i0, int count, double[][] bufs, int pos) {
        MemorySegment seg = segment;
        long st = step;
        for (int g = 0; g < lines; g++) {
            double[] buf = bufs[g];
            long first = base + g * groupStep + i0 * st;
            if (f32) {
                for (int p = 0; p < count; p++) {
                    seg.setAtIndex(F32, first + p * st, (float) buf[pos + p]);
                }
            } else {
                for (int p = 0; p < count; p++) {
                    seg.setAtIndex(F64, first + p * st, buf[pos + p]);
                }
            }
        }
    }

    private void writeRun(long base, long i0, int count, double[] buf, int pos, float[] floats) {
        long first = step == 1 ? base + i0 : base - (i0 + count - 1);
        if (f32) {
            if (step == 1) {
                for (int p = 0; p < count; p++) {
                    floats[p] = (float) buf[pos + p];
                }
            } else {
                for (int p = 0; p < count; p++) {
                    floats[count - 1 - p] = (float) buf[pos + p];
                }
            }
            MemorySegment.copy(floats, 0, segment, F32, first * 4, count);
        } else {
            if (step == -1) {
                reverse(buf, pos, count);
            }
            MemorySegment.copy(buf, pos, segment, F64, first * 8, count);
        }
    }

    private static void reverse(double[] a, int from, int count) {
        for (int i = from, j = from + count - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
