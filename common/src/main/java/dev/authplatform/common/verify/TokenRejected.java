package dev.authplatform.common.verify;

import java.util.Locale;

/**
 * A token failed one check. The message names the check in words for the problem detail and never
 * contains the token or a key; the {@link Reason} names it in one word for metrics.
 */
public final class TokenRejected extends RuntimeException {

    /** Which check failed: a bounded label ({@code authplatform_tokens_refused_total{reason}}). */
    public enum Reason {
        MALFORMED, WRONG_TYPE, UNKNOWN_KEY, WRONG_ALGORITHM, BAD_SIGNATURE, WRONG_ISSUER, WRONG_AUDIENCE,
        EXPIRED, NOT_YET_VALID, MISSING_CLAIM, REVOKED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public TokenRejected(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
