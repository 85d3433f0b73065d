-- +goose Up
-- Evidence of eligibility. History is kept: every check or pledge is a new row.
CREATE TABLE record_checks (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    issued_on   TEXT NOT NULL,
    clean       INTEGER NOT NULL,
    verified_on TEXT NOT NULL,
    verified_by INTEGER REFERENCES persons (id),
    created_at  TEXT NOT NULL
);
CREATE INDEX record_checks_person ON record_checks (person_id, issued_on);

CREATE TABLE pledges (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    signed_on   TEXT NOT NULL,
    recorded_by INTEGER REFERENCES persons (id),
    created_at  TEXT NOT NULL
);
CREATE INDEX pledges_person ON pledges (person_id);

-- The application: its outcome and when it was decided; id order is arrival order.
ALTER TABLE enrollments ADD COLUMN decided_at TEXT;
ALTER TABLE enrollments ADD COLUMN decided_by INTEGER REFERENCES persons (id);
ALTER TABLE enrollments ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE enrollments ADD COLUMN rules TEXT NOT NULL DEFAULT '';
ALTER TABLE enrollments ADD COLUMN completed_at TEXT;
CREATE INDEX enrollments_person ON enrollments (person_id, status);

-- Messages to people, enqueued in the transaction of the change that causes them. The key
-- makes enqueueing idempotent; the same row is the person's in-app inbox entry.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    kind       TEXT NOT NULL,
    args       TEXT NOT NULL DEFAULT '{}',
    link       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at    TEXT,
    emailed_at TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_person ON notifications (person_id, read_at);

-- +goose Down
DROP TABLE notifications;
DROP INDEX enrollments_person;
ALTER TABLE enrollments DROP COLUMN completed_at;
ALTER TABLE enrollments DROP COLUMN rules;
ALTER TABLE enrollments DROP COLUMN reason;
ALTER TABLE enrollments DROP COLUMN decided_by;
ALTER TABLE enrollments DROP COLUMN decided_at;
DROP TABLE pledges;
DROP TABLE record_checks;
