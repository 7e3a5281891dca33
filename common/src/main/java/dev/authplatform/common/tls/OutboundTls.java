package dev.authplatform.common.tls;

import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The TLS context of outgoing HTTPS: the JVM's default, or one that trusts exactly the CA certificates of
 * {@code auth.tls.trusted-certificates}. Certificate parsing and validation are the JDK's (JCA), nothing of ours.
 * A configured file that cannot be read stops the service at startup: it never falls back to trusting more.
 */
@Singleton
public class OutboundTls {

    private final SSLContext context;

    OutboundTls(TlsTrustSettings settings) {
        String file = settings.trustedCertificates();
        this.context = file == null || file.isBlank() ? defaultContext() : trusting(Path.of(file));
    }

    public SSLContext context() {
        return context;
    }

    /** A context whose only trust anchors are the certificates in the PEM file. */
    public static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("auth.tls.trusted-certificates: no certificate in " + pem);
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                anchors.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("auth.tls.trusted-certificates: cannot use " + pem + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
