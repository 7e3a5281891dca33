-- Accounts. The unique index on the normalised address makes two simultaneous registrations of one
-- address give one row and one unique violation (409), never two rows.
CREATE TABLE users (
    id                uuid        PRIMARY KEY,
    email             text        NOT NULL,
    email_normalized  text        NOT NULL,
    name              text        NOT NULL,
    password_hash     text        NOT NULL,
    roles             text        NOT NULL,
    enabled           boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL,
    tokens_not_before timestamptz
);
CREATE UNIQUE INDEX users_email_normalized_key ON users (email_normalized);
CREATE INDEX users_created_at_id ON users (created_at, id);
CREATE INDEX users_tokens_not_before ON users (tokens_not_before) WHERE tokens_not_before IS NOT NULL;

-- Sessions: the record of who is logged in. refresh_jti is the one refresh token of the session that may
-- still be used; a refresh swaps it in one compare-and-set UPDATE, so a token is used at most once.
CREATE TABLE sessions (
    id                 uuid        PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    last_used_at       timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    refresh_jti        uuid        NOT NULL,
    revoked_at         timestamptz
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_revoked_at ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

-- Signing keys, shared by every auth-service instance. At most one key signs (retired_at IS NULL);
-- a retired key stays published until publish_until, when every token it signed has expired.
CREATE TABLE signing_keys (
    kid           text        PRIMARY KEY,
    algorithm     text        NOT NULL,
    public_jwk    text        NOT NULL,
    private_jwk   text        NOT NULL,
    created_at    timestamptz NOT NULL,
    retired_at    timestamptz,
    publish_until timestamptz
);
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys ((true)) WHERE retired_at IS NULL;
