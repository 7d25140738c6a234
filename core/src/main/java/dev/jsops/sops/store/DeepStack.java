package dev.jsops.sops.store;

/**
 * Runs a recursive YAML task again on a thread with a large stack when the caller's stack is too small. go-yaml
 * accepts up to 10000 nesting levels (and Go stacks grow), so sops reads and writes documents that nest far
 * deeper than a default Java thread stack allows; ordinary documents never take this path.
 */
final class DeepStack {
    private static final long STACK_BYTES = 1L << 30;

    interface Task<T> {
        T run() throws StoreException;
    }

    private DeepStack() {
    }

    static <T> T call(Task<T> task, String tooDeepMessage) throws StoreException {
        try {
            return task.run();
        } catch (StackOverflowError e) {
            Object[] result = new Object[1];
            Throwable[] failure = new Throwable[1];
            Thread t = new Thread(null, () -> {
                try {
                    result[0] = task.run();
                } catch (StoreException | RuntimeException | StackOverflowError x) {
                    failure[0] = x;
                }
            }, "jsops-yaml-deep", STACK_BYTES);
            t.start();
            try {
                t.join();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StoreException(tooDeepMessage);
            }
            if (failure[0] instanceof StoreException se) {
                throw se;
            }
            if (failure[0] instanceof RuntimeException re) {
                throw re;
            }
            if (failure[0] != null) {
                throw new StoreException(tooDeepMessage);
            }
            @SuppressWarnings("unchecked")
            T r = (T) result[0];
            return r;
        }
    }
}
