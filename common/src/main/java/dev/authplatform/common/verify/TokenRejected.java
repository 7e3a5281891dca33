package dev.authplatform.common.verify;

/**
 * A token failed one check. The message names the check in words for the problem detail and never
 * contains the token or a key.
 */
public final class TokenRejected extends RuntimeException {

    public TokenRejected(String reason) {
        super(reason, null, false, false);
    }
}
