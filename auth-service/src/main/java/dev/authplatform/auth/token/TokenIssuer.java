package dev.authplatform.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.SessionID;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.auth.key.RefreshTokenKeys;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs the platform's tokens with the current key (Nimbus JOSE+JWT).
 * Access tokens follow RFC 9068: {@code typ} {@code at+jwt} (or {@code JWT} by setting), {@code iss sub aud exp
 * iat nbf jti sid roles email}. Refresh tokens have their own {@code typ} and an audience that is the issuer
 * itself, so that even a verifier that ignores {@code typ} refuses one in place of an access token; they are signed
 * with HS256 by a key no one else holds ({@link RefreshTokenKeys}), and no published key verifies them.
 */
@Singleton
public class TokenIssuer {

    /** The {@code typ} of a logout token (OpenID Connect Back-Channel Logout 1.0 section 2.4). */
    public static final String LOGOUT_TOKEN_TYPE = "logout+jwt";

    private final KeyStore keys;
    private final RefreshTokenKeys refreshKeys;
    private final TokenSettings settings;
    private final VerifierSettings issuer;

    TokenIssuer(KeyStore keys, RefreshTokenKeys refreshKeys, TokenSettings settings, VerifierSettings issuer) {
        this.keys = keys;
        this.refreshKeys = refreshKeys;
        this.settings = settings;
        this.issuer = issuer;
    }

    /** A signed access token and the instant it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A user's access token from the JSON API: no client, no scope. */
    public Issued accessToken(UUID userId, String email, List<String> roles, UUID sessionId, Instant now) {
        return accessToken(userId, email, roles, sessionId, now, null, List.of(), List.of("pwd"));
    }

    /** A user's access token; {@code clientId} and {@code scopes} when it was issued to a client (RFC 9068 section 2.2). */
    public Issued accessToken(UUID userId, String email, List<String> roles, UUID sessionId, Instant now, String clientId, List<String> scopes,
                              List<String> amr) {
        Instant expiresAt = now.plus(settings.accessTtl());
        JWTClaimsSet.Builder claims = accessClaims(userId.toString(), roles, now, expiresAt)
                .claim(PlatformClaims.SESSION_ID, sessionId.toString())
                .claim(PlatformClaims.EMAIL, email)
                .claim(PlatformClaims.AMR, List.copyOf(amr));
        if (clientId != null) {
            claims.claim(PlatformClaims.CLIENT_ID, clientId).claim(PlatformClaims.SCOPE, String.join(" ", scopes));
        }
        return new Issued(sign(claims.build(), settings.accessTokenType()), expiresAt);
    }

    /**
     * A service's own access token (client credentials, RFC 6749 section 4.4): {@code sub} = {@code client_id}, the
     * client's roles and the granted scopes; no session and no email, for it acts for no user.
     */
    public Issued serviceToken(String clientId, List<String> roles, List<String> scopes, Instant now) {
        Instant expiresAt = now.plus(settings.accessTtl());
        JWTClaimsSet claims = accessClaims(clientId, roles, now, expiresAt)
                .claim(PlatformClaims.CLIENT_ID, clientId)
                .claim(PlatformClaims.SCOPE, String.join(" ", scopes))
                .build();
        return new Issued(sign(claims, settings.accessTokenType()), expiresAt);
    }

    /**
     * An OpenID Connect ID token (OIDC Core section 2): who signed in, for which client ({@code aud}), when
     * ({@code auth_time}), with the client's {@code nonce} and the hash of the access token it came with
     * ({@code at_hash}, section 3.1.3.6). Its {@code typ} is {@code JWT} and its audience the client id, never the API
     * audience, so no verifier of the platform takes it for an access token.
     */
    public Issued idToken(UserRow user, String clientId, UUID sessionId, Instant authTime, String nonce, String accessToken, Instant now,
                          List<String> amr) {
        Instant expiresAt = now.plus(settings.accessTtl());
        KeyStore.CurrentKey key = keys.current();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .subject(user.id().toString())
                .audience(clientId)
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(now))
                .claim("auth_time", authTime.getEpochSecond())
                .claim(PlatformClaims.AMR, List.copyOf(amr))
                .claim(PlatformClaims.SESSION_ID, sessionId.toString())
                .claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(accessToken), key.algorithm(), curveOf(key)).getValue())
                .claim(PlatformClaims.EMAIL, user.email())
                .claim("email_verified", user.emailVerified())
                .claim("name", user.name());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return new Issued(sign(claims.build(), "JWT", key), expiresAt);
    }

    /**
     * An OpenID Connect Back-Channel Logout token (section 2.4): who ({@code sub}) and which session ({@code sid},
     * the {@code sid} of the client's ID tokens) ended, for that client alone; explicitly typed {@code logout+jwt}
     * (section 2.4), never with a {@code nonce}, so it cannot pass for an ID token or an access token.
     */
    public String logoutToken(String clientId, UUID userId, UUID sessionId, Instant now, Duration lifetime) {
        LogoutTokenClaimsSet claims = new LogoutTokenClaimsSet(new Issuer(issuer.issuer()), new Subject(userId.toString()),
                List.of(new Audience(clientId)), Date.from(now), Date.from(now.plus(lifetime)), new JWTID(),
                new SessionID(sessionId.toString()));
        try {
            return sign(claims.toJWTClaimsSet(), LOGOUT_TOKEN_TYPE);
        } catch (ParseException e) {
            throw new IllegalStateException("a logout token's claims did not convert", e);
        }
    }

    /** EdDSA's hash for at_hash depends on the curve (OIDC Core section 3.1.3.6 via Nimbus); null for RSA and EC. */
    private static Curve curveOf(KeyStore.CurrentKey key) {
        return JWSAlgorithm.EdDSA.equals(key.algorithm()) ? Curve.Ed25519 : null;
    }

    private JWTClaimsSet.Builder accessClaims(String subject, List<String> roles, Instant now, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .subject(subject)
                .audience(issuer.audience())
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim(PlatformClaims.ROLES, List.copyOf(roles));
    }

    public Issued refreshToken(UUID userId, UUID sessionId, UUID refreshId, Instant now, Instant sessionExpiresAt) {
        Instant expiresAt = now.plus(settings.refreshTtl());
        if (expiresAt.isAfter(sessionExpiresAt)) {
            expiresAt = sessionExpiresAt; // a session never outlives its absolute maximum
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .subject(userId.toString())
                .audience(issuer.issuer())
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID(refreshId.toString())
                .claim(PlatformClaims.SESSION_ID, sessionId.toString())
                .build();
        // HS256 with a key only this service holds: it alone ever verifies a refresh token (RefreshTokenKeys)
        RefreshTokenKeys.Current key = refreshKeys.current();
        return new Issued(sign(claims, PlatformClaims.REFRESH_TOKEN_TYPE, key.algorithm(), key.kid(), key.signer()), expiresAt);
    }

    private String sign(JWTClaimsSet claims, String type) {
        return sign(claims, type, keys.current());
    }

    private String sign(JWTClaimsSet claims, String type, KeyStore.CurrentKey key) {
        return sign(claims, type, key.algorithm(), key.kid(), key.signer());
    }

    private static String sign(JWTClaimsSet claims, String type, JWSAlgorithm algorithm, String kid, JWSSigner signer) {
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .type(new JOSEObjectType(type))
                .keyID(kid)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("token signing failed", e);
        }
        return jwt.serialize();
    }
}
