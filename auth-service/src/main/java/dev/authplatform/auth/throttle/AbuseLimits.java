package dev.authplatform.auth.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets, one per limit and key (an address, a client), in memory: a request takes one token; a bucket holds at
 * most its limit and refills evenly over the window. No Redis round trip on the hot paths, and nothing to fail when
 * Redis is down.
 */
@Singleton
public class AbuseLimits {

    /** What is limited, and by which setting. */
    public enum Limit {
        REGISTRATION, SIGN_IN, TOKEN, TOKEN_PER_CLIENT
    }

    private final AbuseLimitSettings settings;
    private final Cache<String, Bucket> buckets;

    AbuseLimits(AbuseLimitSettings settings) {
        this.settings = settings;
        this.buckets = Caffeine.newBuilder().maximumSize(settings.trackedKeys())
                .expireAfterAccess(settings.window().toNanos(), TimeUnit.NANOSECONDS).build();
    }

    /** Takes one request from the key's allowance: empty when it may go on, else the seconds to wait. */
    public OptionalLong take(Limit limit, String key) {
        if (!settings.enabled()) {
            return OptionalLong.empty();
        }
        int capacity = capacity(limit);
        long nanosPerToken = Math.max(1, settings.window().toNanos() / capacity);
        long waitNanos = buckets.get(limit.name() + ' ' + key, k -> new Bucket(capacity)).take(capacity, nanosPerToken, System.nanoTime());
        return waitNanos == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999)));
    }

    private int capacity(Limit limit) {
        return Math.max(1, switch (limit) {
            case REGISTRATION -> settings.registrationsPerAddress();
            case SIGN_IN -> settings.signInsPerAddress();
            case TOKEN -> settings.tokenRequestsPerAddress();
            case TOKEN_PER_CLIENT -> settings.tokenRequestsPerClient();
        });
    }

    private static final class Bucket {

        private double tokens;
        private long updated;

        Bucket(int capacity) {
            this.tokens = capacity;
            this.updated = System.nanoTime();
        }

        /** 0 when a token was taken; else nanoseconds until one is there. */
        synchronized long take(int capacity, long nanosPerToken, long now) {
            tokens = Math.min(capacity, tokens + (double) (now - updated) / nanosPerToken);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * nanosPerToken);
        }
    }
}
