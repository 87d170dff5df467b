package dev.kernelkit;

import java.util.Arrays;
import java.util.Objects;

/**
 * Causal FIR filtering of a multichannel float64 stream, chunk by chunk, for real-time acquisition: each
 * {@link #push} filters the next samples of every channel and returns them, carrying the filter state to the next
 * push. The concatenation of the outputs equals {@code scipy.signal.lfilter(b, [1.0], x, axis=1)} of the
 * concatenated input (bit for bit: the state is kept in double and every sum runs in the same order), whatever the
 * chunk lengths, including chunks shorter than the filter and empty ones.
 *
 * <p>Thread-confined: an instance holds mutable state and is not synchronised; use it from one thread at a time
 * (e.g. one stream per acquisition thread). Chunks are (channels x samples).
 *
 * <pre>{@code
 * FirStream lowpass = new FirStream(Fir.firwin(101, 0.1), 8);
 * while (acquiring) {
 *     double[][] filtered = lowpass.push(nextChunk()); // 8 x (samples in this chunk)
 * }
 * }</pre>
 */
public final class FirStream {
    private final double[] b;
    private final int channels;
    private final FilterOptions options;
    /** C order over (channels, len(b)-1), SciPy's zi/zf form. */
    private final double[] state;

    /** A stream with the default backend and thread count. */
    public FirStream(double[] b, int channels) {
        this(b, channels, FilterOptions.defaults());
    }

    /**
     * A stream using the threads, backend and method of {@code options} (its other fields are ignored). With
     * {@link Method#AUTO} each push picks direct or FFT for its own chunk length; pin {@link Method#DIRECT} for
     * outputs bit-identical to one-shot {@code lfilter}, or {@link Method#FFT} for long filters.
     */
    public FirStream(double[] b, int channels, FilterOptions options) {
        if (b == null || b.length == 0) {
            throw new IllegalArgumentException("b: must hold at least one coefficient");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels: " + channels + " must be >= 1");
        }
        this.b = b.clone();
        this.channels = channels;
        this.options = Objects.requireNonNull(options, "options").withAxis(1);
        this.state = new double[Math.multiplyExact(channels, b.length - 1)];
    }

    public int channels() {
        return channels;
    }

    /** The taps (a copy). */
    public double[] b() {
        return b.clone();
    }

    /** Forgets the past: the next push starts from a zero state, like a new stream. */
    public void reset() {
        Arrays.fill(state, 0.0);
    }

    /** Filters the next samples; {@code chunk[c]} holds channel c, all channels the same length. */
    public double[][] push(double[][] chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (chunk.length != channels) {
            throw new IllegalArgumentException("chunk: " + chunk.length + " channels, expected " + channels);
        }
        int samples = Objects.requireNonNull(chunk[0], "chunk[0]").length;
        double[] flat = new double[Math.multiplyExact(channels, samples)];
        for (int c = 0; c < channels; c++) {
            Objects.requireNonNull(chunk[c], "chunk[" + c + "]");
            if (chunk[c].length != samples) {
                throw new IllegalArgumentException("chunk: channel " + c + " has " + chunk[c].length
                        + " samples, channel 0 has " + samples + " (all must be equal)");
            }
            System.arraycopy(chunk[c], 0, flat, c * samples, samples);
        }
        NdArray x = NdArray.wrap(flat, channels, samples);
        filterInPlace(x);
        double[][] y = new double[channels][];
        for (int c = 0; c < channels; c++) {
            y[c] = Arrays.copyOfRange(flat, c * samples, (c + 1) * samples);
        }
        return y;
    }

    /** Filters the next samples: a float64 (channels x samples) array, returned as a new C-ordered array. */
    public NdArray push(NdArray chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (chunk.dtype() != DType.F64) {
            throw new IllegalArgumentException("chunk: dtype " + chunk.dtype().numpyName()
                    + " is not supported; FirStream filters float64 only");
        }
        if (chunk.ndim() != 2 || chunk.shape(0) != channels) {
            throw new IllegalArgumentException("chunk: shape " + Arrays.toString(chunk.shape()) + " must be ["
                    + channels + ", samples]");
        }
        NdArray y = chunk.copy();
        filterInPlace(y);
        return y;
    }

    private void filterInPlace(NdArray x) {
        // lfilter reads zi before it filters, so the state can be both zi and, afterwards, the place zf goes.
        NdArray s = NdArray.wrap(state, channels, b.length - 1);
        s.copyFrom(Filters.lfilter(b, x, s, x, options).zf());
    }
}
