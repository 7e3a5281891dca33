-- The audit trail: one row per security event (GET /admin/audit). The audit log line is written as well.
-- actor: who acted (a user id, an admin's id, a client id); subject: whom it concerns (a user, a session, a client).
-- No password, token, secret or key is ever stored; an unknown email appears only as a short digest in detail.
CREATE TABLE audit_events (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    kind        TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    actor       TEXT,
    subject     TEXT,
    client_id   TEXT,
    address     TEXT,
    detail      TEXT,
    request_id  TEXT
);

CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX audit_events_actor ON audit_events (actor, id);
CREATE INDEX audit_events_subject ON audit_events (subject, id);
CREATE INDEX audit_events_client ON audit_events (client_id, id);
CREATE INDEX audit_events_kind ON audit_events (kind, id);
