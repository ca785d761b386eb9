package dev.shipshape;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one concurrency mechanism: results in input order, the first failure as thrown, every task finished. */
class ParallelTest {

    @Test
    void resultsComeBackInInputOrder() {
        List<Integer> inputs = IntStream.range(0, 200).boxed().toList();
        List<Integer> squares = Parallel.map(inputs, 4, i -> {
            if (i % 7 == 0) {
                Thread.onSpinWait();
            }
            return i * i;
        });
        assertEquals(inputs.stream().map(i -> i * i).toList(), squares);
    }

    @Test
    void theFirstFailureInInputOrderIsRethrownAfterEveryTaskRan() {
        IllegalArgumentException first = new IllegalArgumentException("first");
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch laterFailed = new CountDownLatch(1);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Parallel.map(List.of(0, 1, 2, 3), 4, i -> {
            ran.incrementAndGet();
            if (i == 1) {
                awaitQuietly(laterFailed); // input 3 fails first in time; input 1 is still the first in input order
                throw first;
            }
            if (i == 3) {
                laterFailed.countDown();
                throw new IllegalArgumentException("later");
            }
            return i;
        }));
        assertSame(first, thrown);
        assertEquals(4, ran.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the later task never failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void workerThreadsInheritTheCallersContextClassLoader() {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) { };
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            List<ClassLoader> seen = Parallel.map(List.of(1, 2, 3), 3, i -> Thread.currentThread().getContextClassLoader());
            seen.forEach(l -> assertSame(loader, l));
        } finally {
            current.setContextClassLoader(previous);
        }
    }
}
