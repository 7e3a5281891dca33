-- Browser sign-in sessions (the SSO cookie). The cookie holds a random id; only its SHA-256 is stored, so a database
-- dump cannot be replayed as a cookie. Ending one ends every session it started (their tokens, everywhere).
CREATE TABLE signin_sessions (
    id_hash    text        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    auth_time  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX signin_sessions_user_id ON signin_sessions (user_id);

-- Authorization codes (RFC 6749 section 4.1.2): stored as SHA-256, single use, bound to the client, the redirect URI
-- and the PKCE challenge, alive 60 s at most. session_id is the session a redeemed code produced: a second
-- redemption revokes it (section 4.1.2: "SHOULD revoke all tokens previously issued based on that code").
CREATE TABLE authorization_codes (
    code_hash       text        PRIMARY KEY,
    client_id       text        NOT NULL,
    redirect_uri    text        NOT NULL,
    code_challenge  text        NOT NULL,
    user_id         uuid        NOT NULL REFERENCES users (id),
    scope           text        NOT NULL,
    nonce           text,
    auth_time       timestamptz NOT NULL,
    signin_session  text,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    session_id      uuid,
    replayed        boolean     NOT NULL DEFAULT false
);
CREATE INDEX authorization_codes_expires_at ON authorization_codes (expires_at);

-- The sign-in session a client session was started from, so signing out ends them together.
ALTER TABLE sessions ADD COLUMN signin_session text;
