package dev.jsops.flux;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Last-resort cleanup when the JVM is stopped (Ctrl-C, SIGTERM) while plaintext exists on disk or a build tool is
 * running: one shutdown hook runs the actions still registered. Normal paths unregister and clean up themselves.
 */
final class Cleanup {
    private static final Set<Runnable> ACTIONS = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private Cleanup() {
    }

    static synchronized void register(Runnable action) {
        if (!hookInstalled) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "jsops-flux-cleanup"));
                hookInstalled = true;
            } catch (IllegalStateException e) {
                // Already shutting down: the caller cleans up in its finally block.
            }
        }
        ACTIONS.add(action);
    }

    static synchronized void unregister(Runnable action) {
        ACTIONS.remove(action);
    }

    private static void runAll() {
        Runnable[] pending;
        synchronized (Cleanup.class) {
            pending = ACTIONS.toArray(new Runnable[0]);
            ACTIONS.clear();
        }
        // Newest first: a running process is stopped before the directory it reads is removed.
        for (int i = pending.length - 1; i >= 0; i--) {
            try {
                pending[i].run();
            } catch (RuntimeException ignored) {
                // Best effort during shutdown.
            }
        }
    }
}
