package dev.authplatform.auth.password;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import dev.authplatform.common.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id hashing (libsodium, else libargon2 through argon2-jvm, else Password4j where neither library is there) on a
 * bounded pool of its own. Hashing is CPU- and memory-heavy by design, so it
 * never runs on Netty's event loop, and a flood of logins queues here (then gets 503) instead of starving
 * every other request. Hashes are PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) that carry
 * their parameters, so raising the settings upgrades old hashes at the next successful login.
 */
@Singleton
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(PasswordHasher.class);

    private final PasswordSettings settings;
    /** How a hash made with the configured parameters starts: {@code $argon2id$v=19$m=19456,t=2,p=1$}. */
    private final String currentPrefix;
    /** Debian's libsodium through JNA: makes the one-lane hashes (the default) and checks them; null where missing. */
    private final Libsodium sodium;
    /** Whether libsodium makes the new hashes: it is there and the settings ask for one lane. */
    private final boolean sodiumHashes;
    /** Debian's libargon2 through JNA; null where it cannot be loaded (then Password4j, pure Java, does the work). */
    private final Argon2Advanced nativeArgon2;
    private final ThreadPoolExecutor pool;
    /** A hash of nothing anyone knows, checked when the email is unknown so that the answer takes as long. */
    private final String dummyHash;

    private final Counter rejected;
    private final Counter abandoned;

    public PasswordHasher(PasswordSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.currentPrefix = "$argon2id$v=19$m=" + settings.memoryKib() + ",t=" + settings.iterations() + ",p=" + settings.parallelism() + "$";
        this.sodium = loadSodium();
        this.sodiumHashes = sodium != null && settings.parallelism() == 1;
        this.nativeArgon2 = loadNative();
        LOG.info("passwords: Argon2id by {}", implementation());
        // Half the cores by default, at a lower priority: a login flood then leaves the other half to verification and
        // takes from it only what it leaves idle (bench/run: /api/me kept 52 % of its rate during a 64-connection flood
        // with both cores hashing, 65 % with one; measured again later on one running platform: 54 % with one at nice 0,
        // 80 % at nice 10; the priority's later figures are in HashingThreadPriority)
        int threads = settings.threads() > 0 ? settings.threads() : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.queue()),
                HashingThreadPriority.lowered(Thread.ofPlatform().daemon().name("password-hash-", 0).factory(), settings.nice()),
                new ThreadPoolExecutor.AbortPolicy());
        this.dummyHash = hashNow(java.util.UUID.randomUUID().toString());
        // executor_queued_tasks{name="password_hashing"} and friends: the queue an operator sizes auth.password.queue by
        ExecutorServiceMetrics.monitor(meters, pool, "password_hashing");
        this.rejected = Counter.builder("authplatform.password.hashing.rejected")
                .description("Password checks refused with 503 because auth.password.queue was full").register(meters);
        this.abandoned = Counter.builder("authplatform.password.hashing.abandoned")
                .description("Queued password checks dropped because their client had closed the connection").register(meters);
    }

    /** A new Argon2id hash of the password with a fresh random salt. */
    public String hash(String password) {
        return run(() -> hashNow(password));
    }

    /** Whether the password matches the stored hash, in constant time (libargon2's argon2_verify, or Password4j's). */
    public boolean matches(String password, String storedHash) {
        return run(() -> matchesNow(password, storedHash));
    }

    /** Spends the time of a real check against a dummy hash; always false. */
    public boolean matchesNothing(String password) {
        run(() -> matchesNow(password, dummyHash));
        return false;
    }

    /** What makes new hashes at these settings: {@code libsodium}, {@code libargon2} or {@code password4j}. */
    public String implementation() {
        if (sodiumHashes) {
            return "libsodium";
        }
        return nativeArgon2 != null ? "libargon2" : "password4j";
    }

    private boolean matchesNow(String password, String storedHash) {
        if (sodium != null && Libsodium.canVerify(storedHash)) {
            return sodium.verify(storedHash, password);
        }
        if (nativeArgon2 != null && storedHash.startsWith("$argon2id$")) {
            char[] chars = password.toCharArray();
            try {
                return nativeArgon2.verify(storedHash, chars, StandardCharsets.UTF_8);
            } finally {
                nativeArgon2.wipeArray(chars);
            }
        }
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }

    /** Whether a stored hash was made with other parameters than the configured ones, and should be redone. */
    public boolean needsRehash(String storedHash) {
        return !storedHash.startsWith(currentPrefix);
    }

    private String hashNow(String password) {
        if (sodiumHashes) {
            return sodium.hash(password, settings.iterations(), settings.memoryKib());
        }
        if (nativeArgon2 != null) {
            char[] chars = password.toCharArray();
            try {
                return nativeArgon2.hash(settings.iterations(), settings.memoryKib(), settings.parallelism(), chars, StandardCharsets.UTF_8);
            } finally {
                nativeArgon2.wipeArray(chars);
            }
        }
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(pureJava()).getResult();
    }

    /**
     * Password4j's Argon2id with the configured parameters, made only where libargon2 is missing: an instance keeps its
     * working memory (19 MiB at the defaults) on the heap for good, in a static cache of Password4j's.
     */
    private Argon2Function pureJava() {
        return Argon2Function.getInstance(settings.memoryKib(), settings.iterations(), settings.parallelism(), HASH_BYTES, Argon2.ID);
    }

    /** libsodium (Debian's libsodium23), checked with a small hash now rather than at the first login. */
    private static Libsodium loadSodium() {
        try {
            Libsodium loaded = Libsodium.load().orElse(null);
            if (loaded != null && !loaded.verify(loaded.hash("probe", 1, 8), "probe")) {
                throw new IllegalStateException("libsodium's Argon2id does not verify its own hash");
            }
            return loaded;
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("libsodium is not available ({}): passwords are hashed by libargon2, a fifth to a third slower "
                    + "(apt-get install libsodium23)", e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * libargon2 (the reference implementation, from Debian's libargon2-1) through argon2-jvm: its salt (16 bytes) and
     * hash (32 bytes) are ours, and its PHC strings are the same as Password4j's, either reading the other's.
     */
    private static Argon2Advanced loadNative() {
        try {
            Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
            argon2.hash(1, 8, 1, "probe".toCharArray(), StandardCharsets.UTF_8); // loads the library now, not at the first login
            return argon2;
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("libargon2 is not available ({}): passwords are hashed in pure Java, about half as fast "
                    + "(apt-get install libargon2-1)", e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Runs a hash on the pool and waits for it. A hash still queued when its client has gone (the connection closed:
     * a timed-out or impatient client) is taken out of the queue at once and never run, so a flood of abandoned logins
     * costs no hashing and holds no place in the queue: its bound counts only clients still waiting.
     */
    private <T> T run(Callable<T> task) {
        Channel client = clientChannel();
        FutureTask<T> queued = new FutureTask<>(() -> {
            if (client != null && !client.isActive()) { // left between its close and the listener below
                throw new ClientGone();
            }
            return task.call();
        });
        try {
            pool.execute(queued);
        } catch (RejectedExecutionException e) {
            rejected.increment();
            throw ProblemException.unavailable("Too many password checks are waiting; retry shortly.", 1);
        }
        ChannelFutureListener leaveQueue = closed -> {
            if (pool.remove(queued)) {
                queued.cancel(false);
            }
        };
        if (client != null) {
            client.closeFuture().addListener(leaveQueue);
        }
        try {
            return queued.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("The password check was interrupted; retry.", 1);
        } catch (CancellationException e) {
            throw clientGone();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClientGone) {
                throw clientGone();
            }
            throw new IllegalStateException("password hashing failed", e.getCause());
        } finally {
            if (client != null) {
                client.closeFuture().removeListener(leaveQueue); // a kept-alive connection serves many logins
            }
        }
    }

    private ProblemException clientGone() {
        abandoned.increment();
        return ProblemException.unavailable("The client closed the connection before its password was checked.", 1);
    }

    /** The connection of the request being served, or null outside one. */
    private static Channel clientChannel() {
        return ServerRequestContext.currentRequest()
                .filter(NettyHttpRequest.class::isInstance)
                .map(request -> ((NettyHttpRequest<?>) request).getChannelHandlerContext().channel())
                .orElse(null);
    }

    /** A queued hash whose client has gone. */
    private static final class ClientGone extends RuntimeException {
        ClientGone() {
            super(null, null, false, false);
        }
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
