-- +goose Up
-- A message whose link carries a one-time secret (an invitation, a password reset). The link
-- is erased once its e-mail is settled, so that the database and its backups do not hold a
-- live key to someone's account; the inbox never shows it.
ALTER TABLE notifications ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE notifications DROP COLUMN secret;
