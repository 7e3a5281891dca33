package dev.authplatform.common.verify;

/**
 * The signing keys of an issuer that verifies its own tokens in-process (auth-service's key store). Where a bean of
 * this type exists, no {@link JwksKeySource} is made: the issuer has no JWKS of its own to fetch.
 */
public interface IssuerOwnKeys extends SigningKeys {
}
