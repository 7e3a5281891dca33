package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /auth/mfa/totp}: what an authenticator app needs. {@code secret} (Base32) to type in, or
 * {@code otpauthUri} as a QR code ({@code qrCode}: an SVG {@code data:} URI of it). Confirm with a code.
 */
@Serdeable
public record TotpEnrolment(String secret, String otpauthUri, String qrCode) {
}
