package dev.kernelkit.panama;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Off-heap staging memory for heap arrays too large for a critical call, reused per thread so a call does not pay
 * for allocating and zeroing fresh memory each time (bench/heapcall-2026-11-24.txt: at 512 K samples a fresh buffer
 * made the copy path 13 times slower than the critical one). Buffers up to {@link #MAX_CACHED_BYTES} are kept
 * by the thread and freed by the GC with it; larger ones come from the caller's arena and go with it.
 */
final class StagingBuffer {
    static final long MAX_CACHED_BYTES = 64L << 20;

    private static final ThreadLocal<MemorySegment> CACHE = new ThreadLocal<>();

    private StagingBuffer() {
    }

    /** {@code bytes} of 64-byte-aligned off-heap memory, valid until the calling thread asks again. */
    static MemorySegment borrow(long bytes, Arena fallback) {
        if (bytes > MAX_CACHED_BYTES) {
            return fallback.allocate(bytes, 64);
        }
        MemorySegment cached = CACHE.get();
        if (cached == null || cached.byteSize() < bytes) {
            long grown = cached == null ? bytes : Math.max(bytes, Math.min(MAX_CACHED_BYTES, 2 * cached.byteSize()));
            cached = Arena.ofAuto().allocate(grown, 64);
            CACHE.set(cached);
        }
        return cached.asSlice(0, bytes);
    }
}
