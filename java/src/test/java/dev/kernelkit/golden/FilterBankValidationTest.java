package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** FilterBank rejects bad arguments in Java, naming the parameter, before anything runs. */
class FilterBankValidationTest {
    private static final double[][] BANK = {{1, 2, 3}, {4, 5, 6}};
    private static final FilterOptions OPTIONS = FilterOptions.defaults();

    private static void rejects(String start, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void rejectsBadBanks() {
        NdArray x = NdArray.allocate(DType.F64, 2, 10);
        rejects("weights: must hold at least one filter", () -> FilterBank.apply(x, new double[0][], OPTIONS,
                BankMethod.DIRECT));
        rejects("weights: filter 1 has no taps", () -> FilterBank.apply(x, new double[][] {{1}, {}}, OPTIONS,
                BankMethod.DIRECT));
        rejects("weights: filter 1 has 2 taps", () -> FilterBank.apply(x, new double[][] {{1}, {1, 2}}, OPTIONS,
                BankMethod.DIRECT));
        rejects("weights: must be 2-D", () -> FilterBank.apply(x, NdArray.allocate(DType.F64, 3), OPTIONS,
                BankMethod.DIRECT));
        rejects("weights: shape [0, 4]", () -> FilterBank.apply(x, NdArray.allocate(DType.F64, 0, 4), OPTIONS,
                BankMethod.DIRECT));
        rejects("weights: shape [2, 0]", () -> FilterBank.apply(x, NdArray.allocate(DType.F32, 2, 0), OPTIONS,
                BankMethod.GEMM));
    }

    @Test
    void rejectsBadOptions() {
        NdArray x = NdArray.allocate(DType.F64, 2, 10);
        rejects("origin: 2 is out of range for 3 taps (allowed -1..1)", () -> FilterBank.apply(x, BANK,
                OPTIONS.withOrigin(2), BankMethod.DIRECT));
        rejects("axis: 2 is out of range", () -> FilterBank.apply(x, BANK, OPTIONS.withAxis(2), BankMethod.AUTO));
        rejects("threads: -1 is out of range", () -> FilterBank.apply(x, BANK, OPTIONS.withThreads(-1),
                BankMethod.DIRECT));
        rejects("method: 'fft' is not one of", () -> BankMethod.parse("fft"));
        rejects("backend:", () -> FilterBank.apply(x, BANK, OPTIONS.withBackend("nope"), BankMethod.DIRECT));
    }

    @Test
    void rejectsBadOutputs() {
        NdArray x = NdArray.allocate(DType.F64, 2, 10);
        rejects("out: shape [2, 10] must be [2, 2, 10]", () -> FilterBank.apply(x, NdArray.allocate(DType.F64, 2,
                10), BANK, OPTIONS, BankMethod.DIRECT));
        rejects("out: shape [2, 3, 10] must be [2, 2, 10]", () -> FilterBank.apply(x,
                NdArray.allocate(DType.F64, 2, 3, 10), BANK, OPTIONS, BankMethod.DIRECT));
        rejects("out: dtype float32 does not match", () -> FilterBank.apply(x, NdArray.allocate(DType.F32, 2, 2,
                10), BANK, OPTIONS, BankMethod.DIRECT));
        NdArray zeroStride = NdArray.of(NdArray.allocate(DType.F64, 20).segment(), DType.F64, new long[] {2, 2, 10},
                new long[] {0, 10, 1}, 0);
        rejects("out: several elements share memory", () -> FilterBank.apply(x, zeroStride, BANK, OPTIONS,
                BankMethod.DIRECT));
        // the input is a view into the output's own buffer
        NdArray both = NdArray.allocate(DType.F64, 2, 2, 10);
        NdArray inView = NdArray.of(both.segment(), DType.F64, new long[] {2, 10}, new long[] {20, 1}, 0);
        rejects("out: shares memory with the input", () -> FilterBank.apply(inView, both, BANK, OPTIONS,
                BankMethod.DIRECT));
    }

    @Test
    void rejectsReadOnlyOutput(@TempDir Path dir) throws IOException {
        NdArray x = NdArray.allocate(DType.F64, 2, 10);
        Path file = dir.resolve("out.npy");
        Npy.write(file, NdArray.allocate(DType.F64, 2, 2, 10));
        try (Arena arena = Arena.ofShared()) {
            NdArray readOnly = Npy.map(file, false, arena);
            rejects("out: is read-only", () -> FilterBank.apply(x, readOnly, BANK, OPTIONS, BankMethod.DIRECT));
        }
    }

    @Test
    void autoPicksByFiltersAndTaps() {
        // one filter: nothing to share across filters, direct always wins
        assertEquals(BankMethod.DIRECT, FilterBank.chooseMethod(1, 511, DType.F64));
        assertEquals(BankMethod.DIRECT, FilterBank.chooseMethod(1, 15, DType.F32));
        assertEquals(BankMethod.GEMM, FilterBank.chooseMethod(32, 511, DType.F32));
        // the measured crossover (BankCrossover): float64 needs more filters and taps than float32
        assertEquals(BankMethod.DIRECT, FilterBank.chooseMethod(16, 255, DType.F64));
        assertEquals(BankMethod.GEMM, FilterBank.chooseMethod(16, 255, DType.F32));
        assertEquals(BankMethod.GEMM, FilterBank.chooseMethod(64, 1001, DType.F64));
    }

    @Test
    void emptyInputsAreCheckedThenSkipped() {
        NdArray x = NdArray.allocate(DType.F32, 0, 10);
        NdArray out = FilterBank.apply(x, BANK, OPTIONS, BankMethod.GEMM);
        assertEquals(3, out.ndim());
        assertEquals(0, out.size());
        rejects("origin:", () -> FilterBank.apply(x, BANK, OPTIONS.withOrigin(-2), BankMethod.DIRECT));
    }
}
