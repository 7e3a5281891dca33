-- OpenID Connect Back-Channel Logout 1.0: where a client wants to hear that one of its sessions ended, and whether
-- it needs the sid claim (the platform always sends it).
ALTER TABLE oauth_clients ADD COLUMN backchannel_logout_uri text;
ALTER TABLE oauth_clients ADD COLUMN backchannel_logout_session_required boolean NOT NULL DEFAULT false;

-- The logout notices still to be delivered, written in the transaction that ends the session, so none is lost when
-- an instance stops or dies; any instance delivers them (FOR UPDATE SKIP LOCKED, with a lease). One per session.
-- outcome: delivered, abandoned (every attempt failed), dropped (the client was disabled or stopped listening).
CREATE TABLE backchannel_logouts (
    session_id      uuid        PRIMARY KEY,
    client_id       text        NOT NULL,
    user_id         uuid        NOT NULL,
    queued_at       timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    finished_at     timestamptz,
    outcome         text
);
CREATE INDEX backchannel_logouts_due ON backchannel_logouts (next_attempt_at) WHERE finished_at IS NULL;
CREATE INDEX backchannel_logouts_finished_at ON backchannel_logouts (finished_at) WHERE finished_at IS NOT NULL;
