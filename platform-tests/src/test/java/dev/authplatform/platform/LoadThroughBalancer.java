package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static dev.authplatform.common.testing.Api.json;

/**
 * A bounded, steady load through the balancer while instances come and go: logins, refresh chains (each refresh
 * token used once, as a client would), logins followed by a logout, and {@code /api/me}. Every answer but the expected one counts as failed,
 * connection errors included; what was refreshed successfully is remembered, to check later that none is usable.
 */
final class LoadThroughBalancer implements AutoCloseable {

    private static final long PAUSE_MILLIS = 10;

    final AtomicLong logins = new AtomicLong();
    final AtomicLong refreshes = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong logouts = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** The first failures, for the assertion message. */
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    /** Refresh tokens a refresh was answered 200 for: used, so never usable again. */
    final ConcurrentLinkedQueue<String> usedRefreshTokens = new ConcurrentLinkedQueue<>();
    /** Access tokens whose logout was answered 204: revoked, so refused by every verifier from then on. */
    final ConcurrentLinkedQueue<String> loggedOutTokens = new ConcurrentLinkedQueue<>();

    private final ExecutorService workers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("load-", 0).factory());
    private volatile boolean running = true;

    LoadThroughBalancer(Supplier<Api> auth, Supplier<Api> resource, String email, String password, int refreshChains, int readers) {
        workers.submit(() -> loop(auth.get(), api -> {
            logins.incrementAndGet();
            Api.Response login = api.login(email, password);
            return login.status() == 200 ? null : "login: " + login;
        }));
        for (int chain = 0; chain < refreshChains; chain++) {
            String start = auth.get().login(email, password).refreshToken();
            String[] current = {start};
            workers.submit(() -> loop(auth.get(), api -> {
                refreshes.incrementAndGet();
                Api.Response refreshed = api.post("/auth/refresh", json("refreshToken", current[0]));
                if (refreshed.status() != 200) {
                    return "refresh: " + refreshed;
                }
                usedRefreshTokens.add(current[0]);
                current[0] = refreshed.refreshToken();
                return null;
            }));
        }
        workers.submit(() -> loop(auth.get(), api -> {
            logouts.incrementAndGet();
            Api.Response login = api.login(email, password);
            if (login.status() != 200) {
                return "login before logout: " + login;
            }
            Api.Response logout = api.post("/auth/logout", null, login.accessToken());
            if (logout.status() != 204) {
                return "logout: " + logout;
            }
            loggedOutTokens.add(login.accessToken());
            return null;
        }));
        String accessToken = auth.get().login(email, password).accessToken();
        for (int reader = 0; reader < readers; reader++) {
            workers.submit(() -> loop(resource.get(), api -> {
                reads.incrementAndGet();
                Api.Response me = api.get("/api/me", accessToken);
                return me.status() == 200 ? null : "/api/me: " + me;
            }));
        }
    }

    private interface Step {
        /** null when the answer was the expected one, else what went wrong */
        String run(Api api);
    }

    private void loop(Api api, Step step) {
        while (running) {
            String failure;
            try {
                failure = step.run(api);
            } catch (RuntimeException e) {
                failure = e.toString();
            }
            if (failure != null) {
                failed.incrementAndGet();
                if (failures.size() < 20) {
                    failures.add(java.time.LocalTime.now() + " " + failure);
                }
                if (failure.startsWith("refresh")) {
                    return; // the chain is broken: its token's fate is unknown to the client
                }
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long sent() {
        return logins.get() + refreshes.get() + reads.get() + 2 * logouts.get();
    }

    String summary() {
        return String.format("%d requests (%d logins, %d refreshes, %d /api/me, %d login + logout), %d failed%s", sent(),
                logins.get(), refreshes.get(), reads.get(), logouts.get(), failed.get(), failures.isEmpty() ? "" : ": " + new ArrayList<>(failures));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
