package dev.shipshape;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * shipshape's one concurrency mechanism: independent tasks (the views of a model, the renderers,
 * the policy chunks of an environment, file flushes) run on a pool made for the call (of one
 * thread per processor for computing tasks), and their results come back in input order, so nothing that is written
 * depends on scheduling. The pool's threads inherit the caller's context class loader (through which
 * a Maven plugin finds its resources) and are daemons; the pool is shut down before the call returns.
 */
public final class Parallel {

    /** Set while a task of a pool runs: a nested call then runs inline instead of starting a second pool. */
    private static final ThreadLocal<Boolean> IN_TASK = new ThreadLocal<>();

    private Parallel() {
    }

    /**
     * Applies {@code task} to every input, up to {@code maxThreads} at once, and waits for all of
     * them. Called from inside a task (the policy evaluation beside the renderers), it runs the inputs
     * one by one on that task's thread, so pools never nest and the threads stay within the bound. More threads than processors pay only for tasks that wait (file flushes).
     *
     * @param inputs     the inputs, in order
     * @param maxThreads at most this many threads (1 runs the tasks one by one on the calling thread)
     * @param task       a thread-safe task
     * @return the results, in input order
     * @throws RuntimeException the first failure in input order, as the task threw it (an {@link Error} likewise),
     *                          after every task has finished
     */
    public static <I, O> List<O> map(List<I> inputs, int maxThreads, Function<? super I, ? extends O> task) {
        int threads = Boolean.TRUE.equals(IN_TASK.get()) ? 1 : Math.min(maxThreads, inputs.size());
        if (threads <= 1) {
            List<O> results = new ArrayList<>(inputs.size());
            inputs.forEach(input -> results.add(task.apply(input)));
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "shipshape-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<O>> pending = new ArrayList<>(inputs.size());
            inputs.forEach(input -> pending.add(pool.submit(() -> {
                IN_TASK.set(true);
                try {
                    return task.apply(input);
                } finally {
                    IN_TASK.remove();
                }
            })));
            List<O> results = new ArrayList<>(inputs.size());
            Throwable failure = null;
            for (Future<O> future : pending) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                    results.add(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for parallel tasks", e);
                }
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #map(List, int, Function)} with up to one thread per processor, for tasks that compute. */
    public static <I, O> List<O> map(List<I> inputs, Function<? super I, ? extends O> task) {
        return map(inputs, Runtime.getRuntime().availableProcessors(), task);
    }
}
