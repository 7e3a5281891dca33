package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code POST /auth/login} for an account with a second factor, after a correct password: 401, a problem document
 * (RFC 9457) whose extension members say how to finish: {@code POST /auth/login/mfa} with {@code mfaToken} and a
 * {@code code} from the authenticator app (or a {@code recoveryCode}) within {@code expiresIn} seconds.
 */
@Serdeable
public record MfaRequired(String type, String title, int status, String detail, String mfaToken, long expiresIn, List<String> methods) {

    public static final String TYPE = "urn:authplatform:problem:mfa-required";

    public static MfaRequired of(String mfaToken, long expiresIn) {
        return new MfaRequired(TYPE, "Second factor required", 401,
                "The password is right; send a code from your authenticator app (or a recovery code) to POST /auth/login/mfa.",
                mfaToken, expiresIn, List.of("totp", "recovery_code"));
    }
}
