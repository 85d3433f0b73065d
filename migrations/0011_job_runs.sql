-- +goose Up
-- The last run of each scheduled job: when, what it enqueued, and the error if it failed, so
-- that an admin sees that reminders are alive.
CREATE TABLE job_runs (
    name     TEXT PRIMARY KEY,
    last_at  TEXT NOT NULL,
    enqueued INTEGER NOT NULL DEFAULT 0,
    error    TEXT NOT NULL DEFAULT '',
    runs     INTEGER NOT NULL DEFAULT 0
);

-- The reminder of sessions tomorrow finds them by their start, whatever the run.
CREATE INDEX sessions_starts ON sessions (starts_at);

-- +goose Down
DROP INDEX sessions_starts;
DROP TABLE job_runs;
