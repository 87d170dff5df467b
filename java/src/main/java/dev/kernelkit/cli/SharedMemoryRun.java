package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import dev.kernelkit.parallel.Block;
import dev.kernelkit.parallel.BlockPlan;
import dev.kernelkit.shm.SharedNpy;
import dev.kernelkit.shm.SharedSegment;
import dev.kernelkit.shm.WorkerBlocks;
import dev.kernelkit.shm.WorkerChannel;
import dev.kernelkit.shm.WorkerFailedException;
import dev.kernelkit.shm.WorkerProcesses;
import dev.kernelkit.shm.WorkerProgress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The filter commands with {@code shm:NAME} arrays (named shared memory holding an .npy image) and/or
 * {@code --processes N} worker JVMs.
 *
 * <p>Ownership: an input segment is only opened. OUT == IN filters in place (not atomic: a failure leaves the
 * segment partly filtered). A new OUT segment is created exclusively (an existing name is an error) and, on success,
 * left in place for the caller, who unlinks it; on failure it is removed. With workers and a file OUT, the data goes
 * through a temporary segment {@code kk_tmp_<pid>_<random>} that is always removed. Segments this process created
 * are also removed if it is stopped (Ctrl-C, SIGTERM) mid-run; only SIGKILL of this process can leak one.
 */
final class SharedMemoryRun {
    static final String PREFIX = "shm:";
    /** A week: beyond any real block, and far from Duration's range. */
    private static final long MAX_WORKER_TIMEOUT_SECONDS = 7L * 24 * 3600;

    private final FilterCommand command;
    private final FilterOptions options;

    SharedMemoryRun(FilterCommand command, FilterOptions options) {
        this.command = command;
        this.options = options;
    }

    /** The segment name of a {@code shm:NAME} argument, else null. */
    static String segmentName(Path argument) {
        String s = argument.toString();
        return s.startsWith(PREFIX) ? s.substring(PREFIX.length()) : null;
    }

    static boolean applies(FilterCommand c) {
        return c.processes != 1 || c.workerBlock != null || segmentName(c.input) != null
                || segmentName(c.output) != null;
    }

    int run() throws IOException {
        if (command.processes < 1) {
            throw new BadInputException("--processes: " + command.processes + " must be >= 1");
        }
        silenceLimit(); // checked before anything is created
        String inName = segmentName(command.input);
        String outName = segmentName(command.output);
        if (command.workerBlock != null) {
            return runWorker(inName, outName);
        }
        try (Arena arena = Arena.ofShared(); OwnedSegments segments = new OwnedSegments()) {
            SharedSegment inSegment = inName == null ? null : segments.open(inName, "input");
            NdArray in = inSegment != null ? SharedNpy.array(inSegment) : InputFiles.mapInput(command.input, arena);
            boolean inPlace = inName != null && inName.equals(outName);
            if (outName == null && command.processes == 1) {
                AtomicOutput.write(command.output, in.dtype(), in.shape(), out -> command.filter(in, out, options));
                return ErrorReporter.EXIT_OK;
            }
            SharedSegment work = inPlace ? inSegment
                    : segments.create(outName != null ? outName : temporaryName(), in, outName != null);
            NdArray data = SharedNpy.array(work);
            if (command.processes == 1) {
                command.filter(in, data, options);
            } else {
                if (!inPlace) {
                    data.copyFrom(in);
                }
                runWorkers(work.name(), data);
            }
            if (outName == null) {
                AtomicOutput.write(command.output, data.dtype(), data.shape(), out -> out.copyFrom(data));
            } else if (!inPlace) {
                segments.keep(work);
            }
        }
        return ErrorReporter.EXIT_OK;
    }

    private void runWorkers(String name, NdArray data) throws IOException {
        int axis = NdArray.normalizeAxis(options.axis(), data.ndim());
        BlockPlan plan = WorkerBlocks.plan(data.shape(), axis, command.reach(options), options.mode(),
                command.processes);
        List<Block> blocks = plan.blocks();
        Map<Block, Double> fractions = new ConcurrentHashMap<>();
        var err = command.spec.commandLine().getErr();
        WorkerProcesses.Listener listener = (block, done, total) -> {
            fractions.put(block, (double) done / total * block.size());
            double sum = fractions.values().stream().mapToDouble(Double::doubleValue).sum();
            long percent = Math.round(100 * sum / plan.length());
            synchronized (err) {
                err.println(command.spec.qualifiedName() + ": progress " + percent + "%: "
                        + WorkerBlocks.describe(block) + ", step " + done + " of " + total);
                err.flush();
            }
        };
        try {
            WorkerProcesses.run(blocks, Main.class.getName(), (block, threads) -> workerArguments(name, block,
                    threads), listener, silenceLimit());
        } catch (WorkerFailedException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the worker processes", e);
        }
    }

    /** The same command and options for one block of the shared segment, in place, with the worker's threads. */
    private List<String> workerArguments(String name, Block block, int threads) {
        List<String> args = new ArrayList<>(List.of(command.spec.name(), PREFIX + name, PREFIX + name));
        for (OptionSpec option : command.spec.commandLine().getParseResult().matchedOptions()) {
            String optionName = option.longestName();
            if (optionName.equals("--processes") || optionName.equals("--threads")) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(optionName);
            } else {
                for (String value : option.originalStringValues()) {
                    args.add(optionName);
                    args.add(value);
                }
            }
        }
        args.addAll(List.of("--threads", Integer.toString(threads), "--worker-block", WorkerBlocks.format(block)));
        return args;
    }

    /**
     * Inside a worker JVM: filter one block of the segment in place, reporting progress on stdout (and, for a block
     * along the filtered axis, taking part in the parent's read-before-write handshake on stdin).
     */
    private int runWorker(String inName, String outName) throws IOException {
        if (inName == null || !inName.equals(outName)) {
            throw new BadInputException("--worker-block: IN and OUT must be the same shm:NAME");
        }
        Block block = WorkerBlocks.parse(command.workerBlock);
        try (SharedSegment segment = SharedSegment.open(inName);
             WorkerChannel channel = WorkerChannel.open(command.spec.commandLine().getOut(), System.in,
                     silenceLimit())) {
            NdArray data = SharedNpy.array(segment);
            WorkerProgress.filterBlock(data, NdArray.normalizeAxis(options.axis(), data.ndim()), block,
                    view -> command.filter(view, view, options), channel);
        }
        return ErrorReporter.EXIT_OK;
    }

    /** {@code --worker-timeout} (zero: no limit). */
    private Duration silenceLimit() {
        double seconds = command.workerTimeout;
        if (!(seconds >= 0) || seconds > MAX_WORKER_TIMEOUT_SECONDS) {
            throw new BadInputException("--worker-timeout: " + seconds + " must be in [0, " + MAX_WORKER_TIMEOUT_SECONDS
                    + "] seconds (0: no limit)");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static String temporaryName() {
        return "kk_tmp_" + ProcessHandle.current().pid() + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Segments this run opened or created; closing removes the created ones not kept, also on Ctrl-C. */
    private static final class OwnedSegments implements AutoCloseable {
        private final List<SharedSegment> segments = new ArrayList<>();
        private final List<String> toRemove = new ArrayList<>();
        private Thread hook;

        SharedSegment open(String name, String what) {
            try {
                SharedSegment s = SharedSegment.open(name);
                segments.add(s);
                return s;
            } catch (IllegalArgumentException e) {
                throw new BadInputException(what + " " + PREFIX + name + ": " + e.getMessage()
                        .replaceFirst("^name: ", ""), e);
            }
        }

        SharedSegment create(String name, NdArray like, boolean isOutput) {
            try {
                SharedSegment s = SharedNpy.create(name, like.dtype(), like.shape());
                segments.add(s);
                synchronized (toRemove) {
                    toRemove.add(name);
                }
                if (hook == null) {
                    hook = new Thread(this::removeCreated, "kernelkit-remove-shared-memory");
                    Runtime.getRuntime().addShutdownHook(hook);
                }
                return s;
            } catch (IllegalArgumentException e) {
                String message = e.getMessage().replaceFirst("^name: ", "");
                throw new BadInputException((isOutput ? "output " + PREFIX + name + ": " : "") + message
                        + (isOutput && message.contains("already exists")
                        ? " (choose a new name, or the input's name to filter in place)" : ""), e);
            }
        }

        /** The result stays for the caller. */
        void keep(SharedSegment s) {
            s.persist();
            synchronized (toRemove) {
                toRemove.remove(s.name());
            }
        }

        private void removeCreated() {
            synchronized (toRemove) {
                for (String name : toRemove) {
                    try {
                        SharedSegment.unlink(name);
                    } catch (RuntimeException ignored) {
                        // already gone
                    }
                }
                toRemove.clear();
            }
        }

        @Override
        public void close() {
            for (SharedSegment s : segments) {
                s.close(); // creators that were not kept unlink their name here
            }
            synchronized (toRemove) {
                toRemove.clear();
            }
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and removes the names
                }
            }
        }
    }
}
