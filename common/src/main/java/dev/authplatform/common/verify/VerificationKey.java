package dev.authplatform.common.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.Optional;
import java.util.Set;

/**
 * A public key ready to check signatures: its {@code kid}, the one algorithm it is for, and a parsed verifier
 * built once (parsing a JWK per request would cost more than the signature check).
 */
public record VerificationKey(String kid, JWSAlgorithm algorithm, JWSVerifier verifier) {

    /** Only the asymmetric algorithms the platform issues; a symmetric or unknown one is never trusted. */
    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    /**
     * Builds a verifier for a published JWK, or nothing when the JWK is unusable: no {@code kid}, no {@code alg}
     * (the algorithm must come from the key, never from a token), private material, or a key type that does
     * not fit its algorithm.
     */
    public static Optional<VerificationKey> of(JWK jwk) {
        if (jwk.getKeyID() == null || jwk.getAlgorithm() == null || jwk.isPrivate()) {
            return Optional.empty();
        }
        JWSAlgorithm alg = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        if (!ACCEPTED.contains(alg)) {
            return Optional.empty();
        }
        try {
            JWSVerifier verifier = switch (jwk) {
                case RSAKey rsa when alg.equals(JWSAlgorithm.RS256) -> new RSASSAVerifier(rsa);
                case ECKey ec when alg.equals(JWSAlgorithm.ES256) && Curve.P_256.equals(ec.getCurve()) -> new ECDSAVerifier(ec);
                case OctetKeyPair okp when alg.equals(JWSAlgorithm.EdDSA) && Curve.Ed25519.equals(okp.getCurve()) -> new Ed25519Verifier(okp);
                default -> null;
            };
            return Optional.ofNullable(verifier).map(v -> new VerificationKey(jwk.getKeyID(), alg, v));
        } catch (JOSEException e) {
            return Optional.empty();
        }
    }
}
