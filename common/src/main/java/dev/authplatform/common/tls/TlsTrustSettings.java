package dev.authplatform.common.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * What outgoing HTTPS trusts ({@code auth.tls.*}): today the verifier's JWKS fetch.
 *
 * @param trustedCertificates a PEM file of the CA certificates to trust instead of the JVM's defaults (a private CA,
 *                            such as the one {@code tls/dev-ca.sh} makes); empty: the JVM's default trust store
 */
@ConfigurationProperties("auth.tls")
public record TlsTrustSettings(@Nullable String trustedCertificates) {
}
