-- +goose Up
-- API tokens get a name their owner knows them by and an optional last day; sessions remember
-- the browser and system they were opened from, so that a person recognises them in the list
-- of their sign-ins.
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
CREATE INDEX api_tokens_person ON api_tokens (person_id);
ALTER TABLE auth_sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE auth_sessions DROP COLUMN device;
DROP INDEX api_tokens_person;
ALTER TABLE api_tokens DROP COLUMN expires_at;
ALTER TABLE api_tokens DROP COLUMN name;
