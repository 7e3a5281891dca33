package dev.authplatform.auth.password;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hashing yields the CPU: its threads run at the configured nice value, read back from the kernel (/proc). */
class HashingThreadPriorityTest {

    /** sched(7): the normal time-sharing class. */
    private static final int SCHED_OTHER = 0;

    @Test
    void aLoweredThreadRunsAtTheNiceValueAsked() throws Exception {
        assertEquals(7, niceOfAThreadFrom(HashingThreadPriority.lowered(Thread.ofPlatform().factory(), 7)));
        assertEquals(niceOf(Path.of("/proc/thread-self/stat")),
                niceOfAThreadFrom(HashingThreadPriority.lowered(Thread.ofPlatform().factory(), 0)), "0 leaves the priority alone");
    }

    @Test
    void atTheLowestNiceValueAThreadAlsoRunsOnlyWhenNothingElseWantsTheCpu() throws Exception {
        assertEquals(HashingThreadPriority.SCHED_IDLE, policyOfAThreadFrom(HashingThreadPriority.lowered(Thread.ofPlatform().factory(), 19)));
        assertEquals(19, niceOfAThreadFrom(HashingThreadPriority.lowered(Thread.ofPlatform().factory(), 19)));
        assertEquals(SCHED_OTHER, policyOfAThreadFrom(HashingThreadPriority.lowered(Thread.ofPlatform().factory(), 18)),
                "below 19 the normal scheduling class stays");
    }

    @Test
    void thePasswordHasherHashesOnThreadsAtItsNiceValue() {
        PasswordHasher lowered = new PasswordHasher(new PasswordSettings(8192, 1, 1, 1, 4, 12), new SimpleMeterRegistry());
        try {
            lowered.hash("correct-horse-1"); // the pool starts its thread for the first hash
            assertTrue(hashingThreadNiceValues().contains(12), "password-hash threads: " + hashingThreadNiceValues());
        } finally {
            lowered.close();
        }
    }

    @Test
    void niceIsZeroToNineteen() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordSettings(19456, 2, 1, 0, 64, 20));
        assertThrows(IllegalArgumentException.class, () -> new PasswordSettings(19456, 2, 1, 0, 64, -1));
    }

    private static int niceOfAThreadFrom(ThreadFactory factory) throws Exception {
        CompletableFuture<Integer> nice = new CompletableFuture<>();
        Thread thread = factory.newThread(() -> nice.complete(niceOf(Path.of("/proc/thread-self/stat"))));
        thread.start();
        thread.join();
        return nice.get();
    }

    private static int policyOfAThreadFrom(ThreadFactory factory) throws Exception {
        CompletableFuture<Integer> policy = new CompletableFuture<>();
        Thread thread = factory.newThread(() -> policy.complete(statField(Path.of("/proc/thread-self/stat"), 41)));
        thread.start();
        thread.join();
        return policy.get();
    }

    private static List<Integer> hashingThreadNiceValues() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> read(task.resolve("comm")).startsWith("password-hash-")).map(task -> niceOf(task.resolve("stat"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int niceOf(Path stat) {
        return statField(stat, 19);
    }

    /** Field n of proc(5)'s stat line (19: nice, 41: scheduling policy); counted after the command name, which may hold spaces. */
    private static int statField(Path stat, int n) {
        String line = read(stat);
        String[] afterName = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterName[n - 3]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
