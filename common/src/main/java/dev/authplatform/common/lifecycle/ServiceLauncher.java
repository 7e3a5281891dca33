package dev.authplatform.common.lifecycle;

import dev.authplatform.common.crypto.NativeCrypto;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts a service as {@code Micronaut.run} does, but stops it in the order a load balancer needs. Micronaut's own
 * shutdown hook stops the HTTP server first, closing every connection with the requests in flight on it, and runs
 * the graceful shutdown only afterwards (measured: requests cut 150 ms after SIGTERM, answered with nothing). Here
 * SIGTERM first turns readiness DOWN while everything is served ({@link DrainThenShutDown}), then stops accepting and
 * waits for the requests in flight, and only then stops the server and the context. Before the context starts, it puts
 * the native crypto provider first ({@link NativeCrypto}) and, when the service runs from its jar, gives Micronaut
 * the jar's services and files without a zip file system over the jar ({@link JarServiceIndex},
 * {@link JarEntryResourceLoader}). A SIGTERM that arrives during start-up waits for it to end, then stops the same way,
 * quietly: nothing is cut off half done.
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    private ServiceLauncher() {
    }

    public static ApplicationContext run(Class<?> mainClass, String[] args) {
        long began = System.nanoTime();
        // the native provider loads while Micronaut reads the jar's services and the configuration
        NativeCrypto.Installation crypto = NativeCrypto.installAsConfiguredInBackground();
        JarServiceIndex.installFor(mainClass); // before Micronaut looks up any service
        // no banner: it is not a log line, and would break a log stream of JSON lines (LOG_FORMAT=json)
        ApplicationContext context = new Micronaut() {
            private final JarEntryResourceLoader resources = new JarEntryResourceLoader(mainClass.getClassLoader());

            @Override
            public ClassPathResourceLoader getResourceLoader() {
                return resources;
            }
        }.args(args).mainClass(mainClass).banner(false).build();
        crypto.await(); // before any key is read or any token signed or verified
        StartUp startUp = new StartUp();
        // Registered before anything starts: a SIGTERM during start-up then waits for it to finish and stops in order,
        // instead of halting the JVM half way (a migration, the first key, a subscription cut off without a word).
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            if (!startUp.stopRequested()) {
                LOG.info("stop requested during start-up: finishing it, then stopping in order");
            }
            if (!startUp.awaitEnd() || !context.isRunning()) {
                return;
            }
            Optional<EmbeddedServer> serving = context.findBean(EmbeddedServer.class).filter(EmbeddedServer::isRunning);
            if (serving.isPresent()) {
                context.findBean(DrainThenShutDown.class).ifPresent(DrainThenShutDown::drainAndFinishInFlight);
                serving.get().stop(); // then the context: pools, Redis, schedulers
            } else {
                context.stop(); // never served: nothing to drain
                LOG.info("stopped before serving");
            }
        }));
        try {
            context.start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            if (!startUp.stopping()) {
                server.start();
                LOG.info("Startup completed in {}ms. Server Running: {}", (System.nanoTime() - began) / 1_000_000, server.getURL());
            }
            startUp.ended(true);
            return context;
        } catch (RuntimeException e) {
            if (startUp.stopping()) {
                LOG.info("start-up ended by the stop request: {}", e.toString());
                startUp.ended(true);
                return context;
            }
            LOG.error("Error starting {}: {}", mainClass.getSimpleName(), e.toString(), e);
            if (context.isRunning()) {
                context.stop();
            }
            startUp.ended(false);
            System.exit(1);
            return context;
        }
    }

    /** Whether start-up has ended, and whether a stop was asked for before it did. */
    private static final class StartUp {

        private static final long LONGEST_WAIT_SECONDS = 120;

        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean stopping;
        private volatile boolean completed;

        /** Called by the shutdown hook; answers whether start-up had already ended. */
        boolean stopRequested() {
            stopping = true;
            return ended.getCount() == 0;
        }

        boolean stopping() {
            return stopping;
        }

        void ended(boolean normally) {
            completed = normally;
            ended.countDown();
        }

        /** Waits for start-up to end; answers whether there is anything to stop in order. */
        boolean awaitEnd() {
            try {
                return ended.await(LONGEST_WAIT_SECONDS, TimeUnit.SECONDS) && completed;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
