package dev.authplatform.auth.password;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;

/**
 * Runs the hashing threads at a lower CPU priority (a Linux nice value per thread, through libc's
 * {@code setpriority}): a hash then takes whatever CPU the rest of the machine leaves, and a login flood cannot take
 * it from token verification, refreshes or anything else that shares the cores. Measured with bench/run's login
 * flood: {@code /api/me} kept 0.54 of its undisturbed rate with the hashing thread at nice 0 and 0.80 at nice 10, on
 * the same run. Logins still get every idle cycle, so an undisturbed login is as fast as before.
 *
 * <p>Lowering one's own priority needs no privilege. Where libc or {@code gettid} is missing (not Linux), the threads
 * keep the normal priority and the service says so once.
 */
final class HashingThreadPriority {

    private static final Logger LOG = LoggerFactory.getLogger(HashingThreadPriority.class);
    /** setpriority's {@code which} for one process or, given a thread id, one thread (Linux). */
    private static final int PRIO_PROCESS = 0;

    private HashingThreadPriority() {
    }

    /** The slice of libc used here. */
    interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int priority);
    }

    /** A factory whose threads first lower their own priority to {@code nice} (0: leave it). */
    static ThreadFactory lowered(ThreadFactory factory, int nice) {
        if (nice == 0) {
            return factory;
        }
        LibC libc = load();
        if (libc == null) {
            return factory;
        }
        return task -> factory.newThread(() -> {
            if (libc.setpriority(PRIO_PROCESS, libc.gettid(), nice) != 0) {
                LOG.warn("could not lower the priority of {} to nice {} (errno {})", Thread.currentThread().getName(), nice,
                        Native.getLastError());
            }
            task.run();
        });
    }

    private static LibC load() {
        try {
            LibC libc = Native.load("c", LibC.class);
            libc.gettid(); // glibc 2.30 and later
            return libc;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.warn("hashing threads keep the normal priority: libc's setpriority/gettid are not at hand ({})", e.toString());
            return null;
        }
    }
}
