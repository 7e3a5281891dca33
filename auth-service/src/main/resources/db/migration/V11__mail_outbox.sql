-- Emails accepted for sending, kept until sent or given up, so a stop or a crash of an instance loses none; any
-- instance sends them (FOR UPDATE SKIP LOCKED, with a lease). No link token is stored: the row says which link to make
-- (purpose, page, how long it works) and the token is issued when the message is sent.
-- outcome: sent, failed (refused for good, or every attempt failed), dropped (the account is gone or disabled).
CREATE TABLE mail_outbox (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL,
    user_id         uuid        NOT NULL,
    purpose         text        NOT NULL,
    page            text        NOT NULL,
    valid_for_ms    bigint      NOT NULL,
    queued_at       timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    finished_at     timestamptz,
    outcome         text
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE finished_at IS NULL;
CREATE INDEX mail_outbox_finished_at ON mail_outbox (finished_at) WHERE finished_at IS NOT NULL;
