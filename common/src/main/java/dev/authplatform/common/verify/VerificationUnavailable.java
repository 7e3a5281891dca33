package dev.authplatform.common.verify;

/**
 * The verifier cannot decide right now (no keys yet, or the revocation view is not known to be current).
 * It fails closed: protected requests get 503 with Retry-After, never a pass.
 */
public final class VerificationUnavailable extends RuntimeException {

    public VerificationUnavailable(String reason) {
        super(reason, null, false, false);
    }
}
