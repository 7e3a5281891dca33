-- A key revoked in an emergency (it leaked): it signs nothing more, leaves the JWKS at once, and every token it signed
-- is refused (announced like any revocation; a refresh token's key is also checked here, when the token is used).
ALTER TABLE signing_keys ADD COLUMN revoked_at timestamptz;
ALTER TABLE refresh_token_keys ADD COLUMN revoked_at timestamptz;
