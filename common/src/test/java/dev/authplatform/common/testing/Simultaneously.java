package dev.authplatform.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Fires requests from many threads released at the same instant, for races such as double registration. */
public final class Simultaneously {

    private Simultaneously() {
    }

    /** Runs {@code request(i)} for i in 0..count-1 on count threads started together; returns the statuses in order. */
    public static List<Integer> statuses(int count, IntFunction<Api.Response> request) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("a request failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
