package dev.kernelkit.cli;

import dev.kernelkit.threads.ThreadBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Samples, about every millisecond, how many threads of the workload's native teams are running at once, and keeps
 * the maximum. Read from {@code /proc/self/task/TID/stat}: threads in state R (running, or runnable and waiting for a
 * CPU) whose name starts with a prefix. A native thread inherits the name of the thread that created it, so the
 * OpenMP workers a Java caller ({@link #expect declared}) starts (and the OpenBLAS workers, started by a thread
 * named like the GEMM caller) carry their caller's name. Per caller, its own thread and its workers in state R are
 * counted up to the size of the team it is running now (the threads its current call was given; none between
 * calls): a worker of an earlier, larger team still on its way to sleep, or the caller's Java-side work between
 * calls, is not counted. Prefixed threads of no declared caller always count. Linux only: elsewhere the maximum is
 * empty.
 */
final class RunningThreads implements AutoCloseable {
    private static final Path TASKS = Path.of("/proc/self/task");

    private final String prefix;
    private final Map<String, Caller> callerNames = new ConcurrentHashMap<>(); // by thread name (comm)
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private volatile int max;

    /**
     * A Java thread of the workload and the team it runs: while it holds a {@link ThreadBudget} lease (inside a
     * kernelkit call, guarded or not: explicit thread counts are leased too) its team has the leased size; between
     * {@link #enter} and {@link #exit} (a call outside the budget, e.g. an unguarded BLAS call) the size given at
     * declaration; otherwise none.
     */
    static final class Caller {
        private final int unleasedTeam;
        private volatile Thread thread;
        private volatile boolean inCall;

        private Caller(int unleasedTeam) {
            this.unleasedTeam = unleasedTeam;
        }

        /** Binds this caller to the calling thread (its Java thread); call first thing in that thread. */
        void attach() {
            thread = Thread.currentThread();
        }

        int team() {
            Thread t = thread;
            if (t == null) {
                return 0;
            }
            int leased = ThreadBudget.global().leasedBy(t);
            return leased > 0 ? leased : inCall ? unleasedTeam : 0;
        }

        void enter() {
            inCall = true;
        }

        void exit() {
            inCall = false;
        }
    }

    private RunningThreads(String prefix, boolean sampling) {
        this.prefix = prefix;
        this.sampler = sampling ? Thread.ofPlatform().daemon().name("oversubscription-sampler").start(this::sample)
                : null;
    }

    /** True where {@code /proc/self/task} exists (Linux). */
    static boolean supported() {
        return Files.isDirectory(TASKS);
    }

    /** Starts sampling threads named {@code prefix...}; empty maximum when unsupported. */
    static RunningThreads start(String prefix) {
        return new RunningThreads(prefix, true);
    }

    /**
     * Callers are declared and attached as with {@link #start}, but nothing is sampled (empty maximum): for timed
     * runs, since the sampler's own CPU time (about a tenth of a core) is not spread evenly - it gets more of the
     * cores when fewer threads compete, i.e. in guarded runs - and would bias the comparison.
     */
    static RunningThreads none(String prefix) {
        return new RunningThreads(prefix, false);
    }

    /**
     * Declares the caller that will run in a thread named {@code name} (with the prefix, unique), before that thread
     * starts, so that threads of that name are attributed to it from the start. {@code unleasedTeam}: its team size
     * in calls outside the budget, between {@link Caller#enter} and exit. The thread then calls
     * {@link Caller#attach}.
     */
    Caller expect(String name, int unleasedTeam) {
        Caller c = new Caller(unleasedTeam);
        callerNames.put(comm(name), c);
        return c;
    }

    private void sample() {
        if (!supported()) {
            return;
        }
        while (running.get()) {
            int now = countRunning();
            if (now > max) {
                max = now;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int countRunning() {
        // Teams change while the directory is read: a caller counts with the smaller of its team sizes before and
        // after the scan, so a lease handed over mid-scan is not counted for both the old and the new team.
        Map<Caller, Integer> teamBefore = new HashMap<>();
        callerNames.values().forEach(c -> teamBefore.put(c, c.team()));
        int unattributed = 0;
        Map<Caller, Integer> running = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended between listing and reading
                }
                // "tid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'R') {
                    continue;
                }
                String name = stat.substring(open + 1, close);
                if (!name.startsWith(prefix)) {
                    continue;
                }
                // Every thread named like a caller - the caller itself or a worker it started - is its team's.
                Caller c = callerNames.get(name);
                if (c == null) {
                    unattributed++;
                } else {
                    running.merge(c, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        int n = unattributed;
        for (Map.Entry<Caller, Integer> e : running.entrySet()) {
            n += Math.min(e.getValue(), Math.min(teamBefore.getOrDefault(e.getKey(), 0), e.getKey().team()));
        }
        return n;
    }

    /** The kernel's name of a thread: the first 15 bytes of its name. */
    private static String comm(String name) {
        return name.length() <= 15 ? name : name.substring(0, 15);
    }

    /** The largest count seen so far, or empty when sampling is unsupported here. */
    OptionalInt max() {
        return supported() && sampler != null ? OptionalInt.of(max) : OptionalInt.empty();
    }

    @Override
    public void close() {
        running.set(false);
        if (sampler == null) {
            return;
        }
        try {
            sampler.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
