package dev.kernelkit.threads;

import java.util.ArrayList;
import java.util.List;

/**
 * A scope that changed the thread counts of native pools; {@link #close()} puts back the values they had when the
 * scope opened, in reverse order, so nested scopes unwind to each outer scope's value and then to the original.
 * Closing twice does nothing more.
 */
public final class ThreadLimit implements AutoCloseable {
    /** A pool's count before this scope; {@code owned}: the scope opened the pool and closes it when done. */
    private record Change(LoadedPool pool, int previous, boolean owned) {
    }

    private final List<Change> changes = new ArrayList<>();
    private boolean closed;

    ThreadLimit() {
    }

    /** Sets the pool to n threads, remembering its current count; the scope now owns the open pool. */
    void apply(LoadedPool pool, int n) {
        set(pool, n, true);
    }

    /** Sets a pool someone else keeps open (a {@link BoundPool}) to n threads; closing leaves it open. */
    void applyKeepingOpen(LoadedPool pool, int n) {
        set(pool, n, false);
    }

    private void set(LoadedPool pool, int n, boolean owned) {
        int previous = pool.threads();
        pool.setThreads(n);
        changes.add(new Change(pool, previous, owned));
    }

    /** The libraries this scope changed (their paths), in the order they were changed. */
    public List<String> libraries() {
        return changes.stream().map(c -> c.pool().path).toList();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change c = changes.get(i);
            try {
                c.pool().setThreads(c.previous());
            } finally {
                if (c.owned()) {
                    c.pool().close();
                }
            }
        }
    }
}
