package dev.authplatform.auth.audit;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Every security event, one line each on the {@code audit} logger ({@code event=... key=value ...}), so operators
 * can route them apart from the application log. Never a password, token or key; an email address appears only
 * as a short SHA-256 digest, enough to correlate failures on one account without writing the address down.
 */
@Singleton
public class SecurityAudit {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    public void registered(UUID user) {
        AUDIT.info("event=register user={}", user);
    }

    public void loginSucceeded(UUID user, String address) {
        AUDIT.info("event=login outcome=success user={} address={}", user, address);
    }

    public void loginFailed(String normalizedEmail, String address) {
        AUDIT.info("event=login outcome=failure account={} address={}", digest(normalizedEmail), address);
    }

    public void loginThrottled(String normalizedEmail, String address) {
        AUDIT.info("event=login outcome=throttled account={} address={}", digest(normalizedEmail), address);
    }

    public void passwordChanged(UUID user) {
        AUDIT.info("event=password-change user={}", user);
    }

    public void sessionEnded(UUID session, String reason) {
        AUDIT.info("event=session-end session={} reason={}", session, reason);
    }

    public void allSessionsEnded(UUID user, String reason) {
        AUDIT.info("event=all-sessions-end user={} reason={}", user, reason);
    }

    public void refreshTokenReused(UUID user, UUID session) {
        AUDIT.warn("event=refresh-reuse user={} session={} action=session-revoked", user, session);
    }

    public void adminAction(String admin, String action, UUID target) {
        AUDIT.info("event=admin action={} admin={} target={}", action, admin, target);
    }

    public void clientChanged(String admin, String action, String clientId) {
        AUDIT.info("event=client-change action={} admin={} client={}", action, admin, clientId);
    }

    /** A client proved who it is at an /oauth2 endpoint, or failed to; never the secret or assertion. */
    public void clientAuthenticated(String clientId, String method, boolean success, String address) {
        AUDIT.info("event=client-auth outcome={} client={} method={} address={}", success ? "success" : "failure", clientId, method, address);
    }

    public void clientThrottled(String clientId, String address) {
        AUDIT.info("event=client-auth outcome=throttled client={} address={}", clientId, address);
    }

    public void tokenIssued(String clientId, String grantType, String subject) {
        AUDIT.info("event=token-issued client={} grant={} subject={}", clientId, grantType, subject);
    }

    public void tokenRevoked(String clientId, String what) {
        AUDIT.info("event=token-revoked client={} revoked={}", clientId, what);
    }

    public void consentChanged(UUID user, String clientId, String action) {
        AUDIT.info("event=consent action={} user={} client={}", action, user, clientId);
    }

    public void keyRotated(String admin, String newKid) {
        AUDIT.info("event=key-rotation admin={} kid={}", admin, newKid);
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
