package dev.authplatform.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.auth.key.RefreshTokenKeys;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.revocation.RevocationView;
import dev.authplatform.common.verify.VerificationKey;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a JWT was signed by this server: our issuer, the expected {@code typ}, and a signature by one of our keys,
 * checked with that key's own algorithm. Lifetime and revocation are not judged here: revoking an expired token, or
 * logging out with an expired ID token hint (OIDC RP-Initiated Logout section 2), are fine.
 */
@Singleton
public class SignedByUs {

    private final KeyStore keys;
    private final RefreshTokenKeys refreshKeys;
    private final VerifierSettings settings;
    private final RevocationView revocations;

    SignedByUs(KeyStore keys, RefreshTokenKeys refreshKeys, VerifierSettings settings, RevocationView revocations) {
        this.revocations = revocations;
        this.keys = keys;
        this.refreshKeys = refreshKeys;
        this.settings = settings;
    }

    /** The claims, if {@code token} is a JWT of type {@code type} signed with one of our published keys; else empty. */
    public Optional<JWTClaimsSet> claims(String token, String type) {
        return claims(token, type, this::publishedKey);
    }

    /**
     * The claims, if {@code token} is a refresh token of ours: HS256 with a refresh-token key (RefreshTokenKeys), or,
     * issued before those keys existed and until it expires, a published key.
     */
    public Optional<Signed> refreshTokenClaims(String token) {
        return signed(token, PlatformClaims.REFRESH_TOKEN_TYPE, header -> JWSAlgorithm.HS256.equals(header.getAlgorithm())
                ? refreshKeys.verifier(header.getKeyID()) : publishedKey(header));
    }

    /** Whether the token names a key revoked in an emergency (its signature is not checked: only to explain a refusal). */
    public boolean namesRevokedKey(String token) {
        try {
            String kid = SignedJWT.parse(token).getHeader().getKeyID();
            return kid != null && revocations.isKeyRevoked(kid);
        } catch (ParseException e) {
            return false;
        }
    }

    /** A token's claims and the {@code kid} of the key that signed it. */
    public record Signed(String keyId, JWTClaimsSet claims) {
    }

    /** A published key's verifier, only for the algorithm that key is for. */
    private Optional<JWSVerifier> publishedKey(JWSHeader header) {
        return keys.find(header.getKeyID()).toCompletableFuture().join()
                .filter(key -> key.algorithm().equals(header.getAlgorithm()))
                .map(VerificationKey::verifier);
    }

    private Optional<JWTClaimsSet> claims(String token, String type, Function<JWSHeader, Optional<JWSVerifier>> verifierFor) {
        return signed(token, type, verifierFor).map(Signed::claims);
    }

    private Optional<Signed> signed(String token, String type, Function<JWSHeader, Optional<JWSVerifier>> verifierFor) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!Objects.equals(new JOSEObjectType(type), jwt.getHeader().getType()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<JWSVerifier> verifier = verifierFor.apply(jwt.getHeader());
            if (verifier.isEmpty() || !jwt.verify(verifier.get())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return settings.issuer().equals(claims.getIssuer()) ? Optional.of(new Signed(jwt.getHeader().getKeyID(), claims)) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
