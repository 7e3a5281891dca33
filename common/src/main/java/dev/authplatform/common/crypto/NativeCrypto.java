package dev.authplatform.common.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Puts the Amazon Corretto Crypto Provider (AWS-LC, native) first among the JCA providers, before anything signs,
 * verifies or hashes. Every token goes through the JCA (Nimbus asks it for {@code SHA256withRSA},
 * {@code SHA256withECDSA}, {@code HmacSHA256}), so nothing else changes: the same algorithms, another implementation.
 * Measured on the development machine: RSA-2048 signs at about 3,900/s per core against the JDK's 800/s, which is
 * most of what a refresh or a client-credentials token costs (bench/run, docs/benchmarks.md).
 *
 * <p>Where the native library cannot load (another CPU architecture, a libc it was not built for) the JDK's own
 * providers stay, and the service says so once at start; {@code AUTH_CRYPTO_PROVIDER=jdk} (or
 * {@code -Dauth.crypto.provider=jdk}) keeps them by choice. Read before the application context exists, so from the
 * environment and system properties only.
 */
public final class NativeCrypto {

    /** The setting's name, as a system property; as an environment variable: {@code AUTH_CRYPTO_PROVIDER}. */
    public static final String SETTING = "auth.crypto.provider";

    private static final Logger LOG = LoggerFactory.getLogger(NativeCrypto.class);

    private NativeCrypto() {
    }

    /** The provider chosen by {@link #SETTING}: {@code native} (the default) or {@code jdk}. */
    public enum Choice {
        NATIVE, JDK;

        static Choice from(String value) {
            if (value == null || value.isBlank()) {
                return NATIVE;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "native" -> NATIVE;
                case "jdk" -> JDK;
                default -> throw new IllegalArgumentException(SETTING + " must be 'native' or 'jdk', not '" + value + "'");
            };
        }
    }

    /**
     * Starts {@link #installAsConfigured()} on a thread of its own: unpacking the native library from the jar and
     * running its self-tests took about 150 ms of each service's start (async-profiler, wall clock), time the service
     * spends reading its configuration meanwhile. Nothing may read a key or sign before {@link Installation#await()}.
     */
    public static Installation installAsConfiguredInBackground() {
        FutureTask<Provider> task = new FutureTask<>(NativeCrypto::installAsConfigured);
        Thread.ofPlatform().name("native-crypto").start(task);
        return new Installation(task);
    }

    /** An installation under way. */
    public static final class Installation {

        private final Future<Provider> task;

        private Installation(Future<Provider> task) {
            this.task = task;
        }

        /** Waits for it; returns the provider now first, or throws what the installation threw (a failed self-test). */
        public Provider await() {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the crypto provider was installed", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Installs the native provider unless the setting says {@code jdk}; returns the provider now first. Idempotent. */
    public static Provider installAsConfigured() {
        String value = Optional.ofNullable(System.getProperty(SETTING)).orElse(System.getenv("AUTH_CRYPTO_PROVIDER"));
        return install(Choice.from(value));
    }

    static Provider install(Choice choice) {
        if (choice == Choice.NATIVE) {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loadingError = accp.getLoadingError();
            if (loadingError == null) {
                if (!accp.getName().equals(Security.getProviders()[0].getName())) {
                    AmazonCorrettoCryptoProvider.install();
                    accp.assertHealthy(); // its self-tests passed, or this start fails rather than sign with a broken library
                }
                LOG.info("crypto: {} {} first (native AWS-LC), the JDK's providers after it", accp.getName(), accp.getVersionStr());
            } else {
                LOG.warn("crypto: the native provider did not load ({}); signing and verifying with the JDK's providers",
                        loadingError.toString());
            }
        } else {
            LOG.info("crypto: the JDK's providers ({}=jdk)", SETTING);
        }
        return Security.getProviders()[0];
    }
}
