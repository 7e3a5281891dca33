package dev.authplatform.revocation;

import org.slf4j.Logger;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Logs each change of a revocation view between vouching for itself and not, once: INFO with what it holds when it is
 * current again, WARN with the reason when it stops (protected requests then get 503).
 */
public final class CurrencyLog {

    private final Logger log;
    private final String source;
    private volatile boolean wasCurrent;

    /** @param source where the view comes from, as the INFO line names it ({@code "Redis"}, {@code "the feed"}) */
    public CurrencyLog(Logger log, String source) {
        this.log = log;
        this.source = source;
    }

    /** @param reason empty while the view vouches for itself; else why not */
    public void observe(Optional<String> reason, Supplier<String> holding) {
        boolean current = reason.isEmpty();
        if (current == wasCurrent) {
            return;
        }
        wasCurrent = current;
        if (current) {
            log.info("revocation view is current, from {} ({})", source, holding.get());
        } else {
            log.warn("revocation view is not current: {}", reason.get());
        }
    }
}
