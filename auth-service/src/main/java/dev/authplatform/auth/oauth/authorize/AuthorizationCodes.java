package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.OpaqueTokens;
import dev.authplatform.auth.session.SessionOrigin;
import dev.authplatform.auth.session.SessionService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorization codes (RFC 6749 section 4.1.2, RFC 7636): issued after sign-in, redeemed once at the token endpoint
 * by the client they were issued to, with the same redirect URI and the PKCE verifier of the challenge, within 60 s.
 * A second redemption is an attack on the first one's tokens: it is refused and those tokens are revoked.
 */
@Singleton
public class AuthorizationCodes {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodes.class);
    /** RFC 6749 section 4.1.2 recommends at most 10 minutes; a browser redirect needs seconds. */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final AuthorizationCodeRepository codes;
    private final SessionService sessions;

    AuthorizationCodes(AuthorizationCodeRepository codes, SessionService sessions) {
        this.codes = codes;
        this.sessions = sessions;
    }

    /** What a code was issued for, once it is redeemed; {@code origin}: the browser it was issued to. */
    public record Grant(UUID userId, String scope, String nonce, Instant authTime, String signinSession, String codeHash, String amr,
                        SessionOrigin origin) {
    }

    /** Issues a code for a signed-in user's approved request; returns the code (only its hash is stored). */
    String issue(String clientId, String redirectUri, String codeChallenge, UUID userId, String scope, String nonce,
                 Instant authTime, String signinSession, String amr, SessionOrigin origin) {
        String code = OpaqueTokens.generate();
        Instant now = Instant.now();
        codes.save(new AuthorizationCodeRow(OpaqueTokens.hash(code), clientId, redirectUri, codeChallenge, userId, scope, nonce,
                authTime, signinSession, now.plus(LIFETIME), null, null, false, amr, origin.address(), origin.userAgent()));
        return code;
    }

    /**
     * Redeems a code: it must exist, be unused and unexpired, belong to {@code clientId}, name the same redirect URI,
     * and match the PKCE challenge (S256 only). Every failure is {@code invalid_grant} (RFC 6749 section 5.2).
     */
    public Grant redeem(String code, String clientId, String redirectUri, String codeVerifier) {
        String hash = OpaqueTokens.hash(code);
        Optional<AuthorizationCodeRow> found = codes.findById(hash);
        if (found.isEmpty() || !found.get().clientId().equals(clientId)) {
            throw OAuthError.invalidGrant("the authorization code is not valid for this client");
        }
        AuthorizationCodeRow row = found.get();
        if (codes.redeem(hash, Instant.now()) == 0) {
            if (row.usedAt() != null || codes.findById(hash).map(AuthorizationCodeRow::usedAt).isPresent()) {
                // Written before reading the session, while produced() writes the session before reading this flag:
                // whichever comes second sees the other, so the tokens of a replayed code never survive.
                codes.markReplayed(hash);
                codes.findById(hash).map(AuthorizationCodeRow::sessionId).ifPresent(this::revokeReplayed);
            }
            throw OAuthError.invalidGrant("the authorization code was already used or has expired");
        }
        if (!row.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the one the code was issued for");
        }
        if (codeVerifier == null || !CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(codeVerifier)).getValue()
                .equals(row.codeChallenge())) {
            throw OAuthError.invalidGrant("the PKCE code_verifier does not match the code_challenge");
        }
        return new Grant(row.userId(), row.scope(), row.nonce(), row.authTime(), row.signinSession(), hash, row.amr(),
                new SessionOrigin(row.clientAddress(), row.userAgent()));
    }

    /** Remembers which session a redeemed code produced, so a replay can revoke it (also one that came meanwhile). */
    public void produced(Grant grant, UUID sessionId) {
        codes.recordSession(grant.codeHash(), sessionId);
        if (codes.findById(grant.codeHash()).map(AuthorizationCodeRow::replayed).orElse(false)) {
            revokeReplayed(sessionId);
        }
    }

    private void revokeReplayed(UUID sessionId) {
        sessions.revoke(sessionId, "authorization-code-replay");
        LOG.warn("an authorization code was redeemed twice; the session it produced was revoked");
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "2m")
    void forgetExpired() {
        try {
            codes.deleteExpiredBefore(Instant.now().minus(Duration.ofHours(1)));
        } catch (RuntimeException e) {
            LOG.debug("authorization code cleanup deferred: {}", e.toString());
        }
    }
}
