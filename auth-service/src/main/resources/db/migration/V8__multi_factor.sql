-- A user's TOTP factor (RFC 6238). The secret is sealed with auth.keys.encryption-key when one is set (a JWE, as the
-- private signing keys are); confirmed_at is null until a first code proved the authenticator app has it.
-- last_step is the time step of the last code accepted: a code is accepted only for a later step, so none twice.
CREATE TABLE mfa_totp (
    user_id      uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    confirmed_at timestamptz,
    last_step    bigint      NOT NULL DEFAULT 0
);

-- Single-use recovery codes, by their SHA-256 (each is 80 random bits: a slow hash would add nothing).
CREATE TABLE mfa_recovery_codes (
    code_hash  text        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX mfa_recovery_codes_user_id ON mfa_recovery_codes (user_id);

-- A correct password waiting for its second step: the mfaToken (by its SHA-256), alive for minutes, a few tries.
CREATE TABLE mfa_challenges (
    token_hash text        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    failures   int         NOT NULL DEFAULT 0,
    used_at    timestamptz
);
CREATE INDEX mfa_challenges_expires_at ON mfa_challenges (expires_at);

-- How the session's user signed in (RFC 8176 amr values, space-separated: "pwd", "pwd otp"); its tokens carry it.
ALTER TABLE sessions ADD COLUMN amr text NOT NULL DEFAULT 'pwd';
ALTER TABLE signin_sessions ADD COLUMN amr text NOT NULL DEFAULT 'pwd';
ALTER TABLE authorization_codes ADD COLUMN amr text NOT NULL DEFAULT 'pwd';
