-- The keys refresh tokens are signed with: HMAC (HS256). Only auth-service ever verifies a refresh token, so its key
-- never leaves the service and an asymmetric signature (the main cost of a refresh) buys nothing. The key is a JWK,
-- sealed like the private signing keys when auth.keys.encryption-key is set. Refresh tokens signed before this
-- migration (with the signing keys) stay valid until they expire.
CREATE TABLE refresh_token_keys (
    kid        text        PRIMARY KEY,
    secret_jwk text        NOT NULL,
    created_at timestamptz NOT NULL
);
