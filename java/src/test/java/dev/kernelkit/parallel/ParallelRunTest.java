package dev.kernelkit.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import dev.kernelkit.threads.ThreadBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Running blocks: views, the pool, progress, the off switch, the first failure and cancellation, log records. */
class ParallelRunTest {
    @Test
    void mapGivesEachBlockItsViewOnThePool() {
        NdArray x = NdArray.allocate(dev.kernelkit.DType.F64, 10, 4);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Parallel.defaults().withBlocks(5).withWorkers(2).map(x, 0, (block, view) -> {
            threads.add(Thread.currentThread().getName());
            assertEquals(block.size(), view.shape(0));
            for (long i = 0; i < view.shape(0); i++) {
                for (long j = 0; j < 4; j++) {
                    view.set(block.index() * 100 + block.start() + i, i, j); // writes through the view
                }
            }
        });
        for (long i = 0; i < 10; i++) {
            long block = i / 2;
            assertEquals(block * 100 + i, x.get(i, 3));
        }
        assertFalse(threads.contains(Thread.currentThread().getName()));
        assertTrue(threads.size() <= 2, threads.toString());
    }

    @Test
    void progressReportsTheFractionOfBlocksDone() {
        List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
        NdArray x = BlockPlanTest.random(3, 4, 200);
        Parallel.defaults().withBlocks(8).withProgress(fractions::add)
                .filter(x, null, 1, FilterOptions.defaults(), BlockFilter.gaussian1d(1.0));
        assertEquals(8, fractions.size());
        for (int i = 0; i < 8; i++) {
            assertEquals((i + 1) / 8.0, fractions.get(i), 0.0); // reported in order, under a lock
        }
    }

    @Test
    void theOffSwitchRunsBlocksInTheCallerAndNests() {
        NdArray x = NdArray.allocate(dev.kernelkit.DType.F64, 12);
        List<Thread> seen = Collections.synchronizedList(new ArrayList<>());
        try (var off = Parallel.disabled()) {
            try (var inner = Parallel.disabled()) {
                assertFalse(Parallel.enabled());
            }
            assertFalse(Parallel.enabled());
            Parallel.defaults().withBlocks(4).map(x, 0, (b, v) -> seen.add(Thread.currentThread()));
        }
        assertTrue(Parallel.enabled());
        assertEquals(4, seen.size());
        seen.forEach(t -> assertEquals(Thread.currentThread(), t));
    }

    @Test
    void theFirstFailureIsRethrownWithItsBlockAndTheRestIsCancelled() {
        NdArray x = NdArray.allocate(dev.kernelkit.DType.F64, 64);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        BlockFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                BlockFailedException.class, () -> Parallel.defaults().withBlocks(16).withWorkers(3).map(x, 0,
                        (block, view) -> {
                            started.incrementAndGet();
                            if (block.index() == 2) {
                                throw new IllegalStateException("bad block");
                            }
                            try {
                                never.await(); // only an interrupt (the cancellation) ends this
                            } catch (InterruptedException ie) {
                                interrupted.incrementAndGet();
                                throw ie;
                            }
                        })));
        assertEquals(2, e.blockIndex());
        assertEquals(16, e.blockCount());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("block 2 of 16"), e.getMessage());
        assertTrue(started.get() < 16, "cancelled blocks must not start: " + started);
        assertEquals(started.get() - 1, interrupted.get());
        assertEquals(0, ThreadBudget.global().inFlight());
    }

    @Test
    void aFailureWithParallelismOffStopsAtThatBlock() {
        NdArray x = NdArray.allocate(dev.kernelkit.DType.F64, 10);
        List<Integer> ran = new ArrayList<>();
        try (var off = Parallel.disabled()) {
            BlockFailedException e = assertThrows(BlockFailedException.class,
                    () -> Parallel.defaults().withBlocks(5).map(x, 0, (b, v) -> {
                        ran.add(b.index());
                        if (b.index() == 1) {
                            throw new java.io.IOException("disk full");
                        }
                    }));
            assertEquals(1, e.blockIndex());
        }
        assertEquals(List.of(0, 1), ran);
    }

    @Test
    void blocksTakeTheirNativeThreadsFromTheBudget() throws Exception {
        NdArray x = BlockPlanTest.random(4, 8, 20_000);
        int cores = ThreadBudget.global().cores();
        AtomicInteger peak = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(ThreadBudget.global().inFlight(), Math::max);
                Thread.onSpinWait();
            }
        });
        try {
            for (int split : new int[] {0, 1}) {
                Parallel.defaults().withWorkers(2 * cores + 1).withBlocks(12)
                        .filter(x, null, split, FilterOptions.defaults(), BlockFilter.gaussian1d(3.0));
            }
        } finally {
            done.set(true);
            watcher.join();
        }
        assertTrue(peak.get() >= 1, "the watcher saw no lease");
        assertTrue(peak.get() <= cores, "workers x native threads " + peak + " > " + cores + " cores");
    }

    @Test
    void logRecordsAreTaggedWithTheBlock() {
        Logger jul = Logger.getLogger(Parallel.class.getName());
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                messages.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(h);
        try {
            Parallel.defaults().withBlocks(3).map(NdArray.allocate(dev.kernelkit.DType.F64, 9), 0, (b, v) -> { });
        } finally {
            jul.removeHandler(h);
            jul.setLevel(previous);
        }
        for (int i = 0; i < 3; i++) {
            String tag = "[block " + i + "/3]";
            assertTrue(messages.stream().anyMatch(m -> m.startsWith(tag + " start")), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.equals(tag + " done")), messages.toString());
        }
    }
}
