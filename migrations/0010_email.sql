-- +goose Up
-- E-mail delivery of the outbox. A message waits (pending) until its next attempt is due, is
-- marked sending before the attempt and settled after it: sent; back to pending with a later
-- attempt; failed after the last, with the error. It is skipped when it is not to be e-mailed:
-- the person has no address, or it grew stale while no mail server was configured.
ALTER TABLE notifications ADD COLUMN email_status TEXT NOT NULL DEFAULT 'pending'
    CHECK (email_status IN ('pending', 'sending', 'sent', 'failed', 'skipped'));
ALTER TABLE notifications ADD COLUMN email_next_at TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN email_claimed_at TEXT;
ALTER TABLE notifications ADD COLUMN email_error TEXT NOT NULL DEFAULT '';
-- Messages from before e-mail existed stay in the inbox only.
UPDATE notifications SET email_status = 'skipped';
CREATE INDEX notifications_email ON notifications (email_status, email_next_at);

-- +goose Down
DROP INDEX notifications_email;
ALTER TABLE notifications DROP COLUMN email_error;
ALTER TABLE notifications DROP COLUMN email_claimed_at;
ALTER TABLE notifications DROP COLUMN email_next_at;
ALTER TABLE notifications DROP COLUMN email_status;
