package dev.kernelkit.shm;

import dev.kernelkit.NdArray;

/** Child-JVM side of {@link SharedSegmentTest}: opens a segment by name and writes i * scale into its array. */
public final class ChildWriter {
    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(args[1]);
        try (SharedSegment segment = SharedSegment.open(args[0])) {
            NdArray a = SharedNpy.array(segment);
            for (long i = 0; i < a.size(); i++) {
                a.set(i * scale, i);
            }
        }
        System.out.println("wrote");
    }
}
