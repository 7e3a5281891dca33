-- What a user agreed a third-party client may have (scopes, space-separated). Withdrawing it revokes the tokens that
-- client holds for the user, everywhere.
CREATE TABLE consents (
    user_id    uuid        NOT NULL REFERENCES users (id),
    client_id  text        NOT NULL,
    scopes     text        NOT NULL,
    granted_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, client_id)
);
