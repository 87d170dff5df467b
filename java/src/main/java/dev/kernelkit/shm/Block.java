package dev.kernelkit.shm;

import dev.kernelkit.NdArray;

/**
 * One worker's share of an array: indices {@code [start, stop)} along {@code axis}, which is never the filtered axis,
 * so every block is filtered independently and in place with exactly the single-process result.
 *
 * @param index 0-based position among {@code count} blocks (for messages)
 */
public record Block(int index, int count, int axis, long start, long stop) {
    public Block {
        if (index < 0 || index >= count || start < 0 || stop < start) {
            throw new IllegalArgumentException("block: invalid " + index + "/" + count + " [" + start + ", " + stop
                    + ")");
        }
    }

    /** This block of {@code array}, a view sharing its memory. */
    public NdArray of(NdArray array) {
        return array.slice(axis, start, stop);
    }

    /** The command-line form {@code index/count:axis:start:stop} that {@link #parse} reads. */
    public String format() {
        return index + "/" + count + ":" + axis + ":" + start + ":" + stop;
    }

    /** Reads {@link #format()}'s form. */
    public static Block parse(String text) {
        String[] parts = text.split("[/:]");
        if (parts.length != 5) {
            throw new IllegalArgumentException("block: '" + text + "' is not index/count:axis:start:stop");
        }
        try {
            return new Block(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Long.parseLong(parts[3]), Long.parseLong(parts[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("block: '" + text + "' is not index/count:axis:start:stop", e);
        }
    }

    @Override
    public String toString() {
        return "block " + (index + 1) + " of " + count + " (axis " + axis + ", [" + start + ", " + stop + "))";
    }
}
