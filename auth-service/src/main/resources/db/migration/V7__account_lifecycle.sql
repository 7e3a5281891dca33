-- Whether the user has proved the address by following an emailed link.
ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;

-- Single-use tokens sent by email (address verification, password reset). Only the SHA-256 of each is stored, so a
-- database dump cannot be replayed as a link; email_normalized is the address it was sent to.
CREATE TABLE account_tokens (
    token_hash       text        PRIMARY KEY,
    purpose          text        NOT NULL,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email_normalized text        NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz
);
CREATE INDEX account_tokens_user_purpose ON account_tokens (user_id, purpose) WHERE used_at IS NULL;
CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at);

-- Where a session was started from, for the user's own list of sessions.
ALTER TABLE sessions ADD COLUMN client_address text;
ALTER TABLE sessions ADD COLUMN user_agent text;
