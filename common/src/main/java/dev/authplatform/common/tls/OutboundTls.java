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
 * The JVM's default is read when first asked for: reading its CA certificates took 120 ms of resource-service's start
 * (async-profiler, wall clock), and only an HTTPS call needs them.
 */
@Singleton
public class OutboundTls {

    /** Null: the JVM's default. */
    private final SSLContext configured;

    OutboundTls(TlsTrustSettings settings) {
        String file = settings.trustedCertificates();
        this.configured = file == null || file.isBlank() ? null : trusting(Path.of(file));
    }

    /** The context to use; the JVM's default is loaded on the first call, so make that call off the starting thread. */
    public SSLContext context() {
        return configured != null ? configured : defaultContext();
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
