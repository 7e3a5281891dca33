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
 * the same run. At nice 19 (the default) the threads also join Linux's {@code SCHED_IDLE} class, whose threads give
 * way at once to any other thread that wakes: on a later, faster machine {@code /api/me} kept 0.69-0.79 at nice 10,
 * 0.70-0.78 at nice 19 alone and 0.87-0.89 with {@code SCHED_IDLE} (the flood then getting 23 logins/s instead of
 * 38). Logins still get every idle cycle, so an undisturbed login is as fast as before.
 *
 * <p>Lowering one's own priority needs no privilege. Where libc or {@code gettid} is missing (not Linux), the threads
 * keep the normal priority and the service says so once.
 */
final class HashingThreadPriority {

    private static final Logger LOG = LoggerFactory.getLogger(HashingThreadPriority.class);
    /** setpriority's {@code which} for one process or, given a thread id, one thread (Linux). */
    private static final int PRIO_PROCESS = 0;
    /** sched_setscheduler's policy for work that runs only when nothing else wants the CPU (Linux). */
    static final int SCHED_IDLE = 5;
    /** The nice value that also asks for {@link #SCHED_IDLE}. */
    static final int LOWEST = 19;

    private HashingThreadPriority() {
    }

    /** The slice of libc used here. */
    interface LibC extends Library {
        int gettid();

        int setpriority(int which, int who, int priority);

        /** {@code param} points at a {@code struct sched_param}: one int, the static priority (0 for SCHED_IDLE). */
        int sched_setscheduler(int pid, int policy, int[] param);
    }

    /** A factory whose threads first lower their own priority to {@code nice} (0: leave it; 19: also SCHED_IDLE). */
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
            // a thread may always lower its own scheduling class; it keeps its nice value (19) underneath
            if (nice == LOWEST && libc.sched_setscheduler(libc.gettid(), SCHED_IDLE, new int[] {0}) != 0) {
                LOG.warn("could not put {} in the SCHED_IDLE class (errno {})", Thread.currentThread().getName(), Native.getLastError());
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
