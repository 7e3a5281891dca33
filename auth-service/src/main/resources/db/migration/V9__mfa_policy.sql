-- Roles an admin requires a second factor for (besides auth.mfa.required-for-roles): a token carries such a role
-- only when its session signed in with one.
CREATE TABLE mfa_policy (
    role       text        PRIMARY KEY,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL
);
