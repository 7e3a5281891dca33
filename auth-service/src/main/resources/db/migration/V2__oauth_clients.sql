-- Registered OAuth clients (RFC 6749 section 2). Lists are newline-separated: a URI cannot hold a raw newline.
-- secret_hash is the SHA-256 of a 256-bit random secret (a slow hash adds nothing for a secret that cannot be
-- guessed, and would cost on every token request). A deleted client stays as a row with deleted_at until its
-- tokens have expired, so that its revocation can be re-seeded into Redis and its id is not reused meanwhile.
CREATE TABLE oauth_clients (
    client_id                 text        PRIMARY KEY,
    name                      text        NOT NULL,
    type                      text        NOT NULL,
    secret_hash               text,
    grant_types               text        NOT NULL,
    redirect_uris             text        NOT NULL,
    post_logout_redirect_uris text        NOT NULL,
    scopes                    text        NOT NULL,
    roles                     text        NOT NULL,
    first_party               boolean     NOT NULL,
    jwks                      text,
    enabled                   boolean     NOT NULL,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    tokens_not_before         timestamptz,
    deleted_at                timestamptz
);
CREATE INDEX oauth_clients_created_at ON oauth_clients (created_at, client_id) WHERE deleted_at IS NULL;
CREATE INDEX oauth_clients_tokens_not_before ON oauth_clients (tokens_not_before) WHERE tokens_not_before IS NOT NULL;

-- A session started through /oauth2 belongs to one client: its refresh tokens are bound to it (RFC 6749 section
-- 6) and carry its scope. Sessions of the JSON API have neither. previous_refresh_jti lets the refresh retry grace
-- recognise the token that was just rotated away.
ALTER TABLE sessions ADD COLUMN client_id text;
ALTER TABLE sessions ADD COLUMN scope text;
ALTER TABLE sessions ADD COLUMN previous_refresh_jti uuid;

-- Single access tokens revoked through /oauth2/revoke (RFC 7009), kept until they would have expired anyway.
CREATE TABLE revoked_tokens (
    jti        uuid        PRIMARY KEY,
    revoked_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);
