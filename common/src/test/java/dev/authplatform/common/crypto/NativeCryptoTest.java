package dev.authplatform.common.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.crypto.NativeCrypto.Choice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.text.ParseException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native provider signs and verifies exactly what the JDK's providers do: a token signed by one passes the
 * other's check, in both directions, for every algorithm the platform signs with through the JCA; a tampered token
 * fails with either. Providers are process-wide, so each test starts and ends with the JDK's own.
 */
class NativeCryptoTest {

    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    @BeforeEach
    @AfterEach
    void jdkProvidersOnly() {
        Security.removeProvider(ACCP);
    }

    @Test
    void theNativeProviderComesFirstAndServesTheTokenAlgorithms() throws Exception {
        Provider first = NativeCrypto.install(Choice.NATIVE);

        assertEquals(ACCP, first.getName());
        assertEquals(ACCP, Signature.getInstance("SHA256withRSA").getProvider().getName());
        assertEquals(ACCP, Signature.getInstance("SHA256withECDSA").getProvider().getName());
        assertEquals(ACCP, MessageDigest.getInstance("SHA-256").getProvider().getName());
        assertEquals(first, NativeCrypto.install(Choice.NATIVE), "installing twice changes nothing");
        assertEquals(1, Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals(ACCP)).count());
    }

    @Test
    void anInstallationStartedInTheBackgroundHasPutTheProviderFirstOnceAwaited() {
        NativeCrypto.Installation installation = NativeCrypto.installAsConfiguredInBackground();

        assertEquals(ACCP, installation.await().getName());
        assertEquals(ACCP, Security.getProviders()[0].getName());
    }

    @Test
    void anInstallationThatFailedInTheBackgroundFailsTheOneWaitingForIt() {
        System.setProperty(NativeCrypto.SETTING, "openssl");
        try {
            NativeCrypto.Installation installation = NativeCrypto.installAsConfiguredInBackground();

            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, installation::await);
            assertTrue(failure.getMessage().contains("'openssl'"), failure.getMessage());
            assertEquals("SUN", Security.getProviders()[0].getName(), "nothing was installed");
        } finally {
            System.clearProperty(NativeCrypto.SETTING);
        }
    }

    @Test
    void jdkKeepsTheJdksProviders() {
        assertEquals("SUN", NativeCrypto.install(Choice.JDK).getName());
        assertTrue(Arrays.stream(Security.getProviders()).noneMatch(p -> p.getName().equals(ACCP)));
    }

    @Test
    void theSettingIsNativeOrJdk() {
        assertEquals(Choice.NATIVE, Choice.from(null));
        assertEquals(Choice.NATIVE, Choice.from(" Native "));
        assertEquals(Choice.JDK, Choice.from("jdk"));
        assertThrows(IllegalArgumentException.class, () -> Choice.from("openssl"));
    }

    @Test
    void rs256TokensCrossBetweenProviders() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("r1").generate();
        crossCheck(JWSAlgorithm.RS256, new RSASSASigner(key), new RSASSAVerifier(key), new RSASSASigner(key), new RSASSAVerifier(key),
                "SunRsaSign");
    }

    @Test
    void es256TokensCrossBetweenProviders() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        crossCheck(JWSAlgorithm.ES256, new ECDSASigner(key), new ECDSAVerifier(key), new ECDSASigner(key), new ECDSAVerifier(key), "SunEC");
    }

    @Test
    void hs256TokensCrossBetweenProviders() throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        crossCheck(JWSAlgorithm.HS256, new MACSigner(secret), new MACVerifier(secret), new MACSigner(secret), new MACVerifier(secret),
                "SunJCE");
    }

    /** Signed natively, checked by the named JDK provider; signed by that provider, checked natively; tampering caught. */
    private static void crossCheck(JWSAlgorithm algorithm, JWSSigner nativeSigner, JWSVerifier nativeVerifier, JWSSigner jdkSigner,
                                   JWSVerifier jdkVerifier, String jdkProvider) throws Exception {
        NativeCrypto.install(Choice.NATIVE);
        Provider jdk = Security.getProvider(jdkProvider);
        jdkSigner.getJCAContext().setProvider(jdk);
        jdkVerifier.getJCAContext().setProvider(jdk);

        SignedJWT signedNatively = signed(algorithm, nativeSigner);
        SignedJWT signedByJdk = signed(algorithm, jdkSigner);

        assertTrue(signedNatively.verify(jdkVerifier), algorithm + " signed natively, checked by " + jdkProvider);
        assertTrue(signedByJdk.verify(nativeVerifier), algorithm + " signed by " + jdkProvider + ", checked natively");
        assertFalse(tampered(signedNatively).verify(jdkVerifier));
        assertFalse(tampered(signedByJdk).verify(nativeVerifier));
    }

    private static SignedJWT signed(JWSAlgorithm algorithm, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID("k").build(),
                new JWTClaimsSet.Builder().subject("alice").claim("roles", java.util.List.of("user")).build());
        jwt.sign(signer);
        return jwt;
    }

    /** The same signature over other claims. */
    private static SignedJWT tampered(SignedJWT jwt) throws ParseException {
        String[] parts = jwt.serialize().split("\\.");
        String otherClaims = com.nimbusds.jose.util.Base64URL.encode("{\"sub\":\"mallory\",\"roles\":[\"admin\"]}").toString();
        return SignedJWT.parse(parts[0] + "." + otherClaims + "." + parts[2]);
    }
}
