package dev.authplatform.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.common.verify.VerificationKey;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a JWT was signed by this server: a published key, verified with that key's own algorithm, our issuer, the
 * expected {@code typ}. Lifetime and revocation are not judged here: revoking an expired token, or logging out with an
 * expired ID token hint (OIDC RP-Initiated Logout section 2), are fine.
 */
@Singleton
public class SignedByUs {

    private final KeyStore keys;
    private final VerifierSettings settings;

    SignedByUs(KeyStore keys, VerifierSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /** The claims, if {@code token} is a JWT of type {@code type} that this server signed; else empty. */
    public Optional<JWTClaimsSet> claims(String token, String type) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!Objects.equals(new JOSEObjectType(type), jwt.getHeader().getType()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<VerificationKey> key = keys.find(jwt.getHeader().getKeyID()).toCompletableFuture().join();
            if (key.isEmpty() || !key.get().algorithm().equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(key.get().verifier())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return settings.issuer().equals(claims.getIssuer()) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
