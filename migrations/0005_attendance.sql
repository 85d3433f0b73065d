-- +goose Up
-- One mark per enrolled person and session. Minutes are what counts toward hours: the
-- session's length when present, fewer when late or leaving early, none when excused or
-- absent. An apology sent before the session is an excused mark with source 'apology'.
CREATE TABLE attendance (
    session_id    INTEGER NOT NULL REFERENCES sessions (id),
    enrollment_id INTEGER NOT NULL REFERENCES enrollments (id),
    status        TEXT NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
    minutes       INTEGER NOT NULL CHECK (minutes >= 0),
    source        TEXT NOT NULL CHECK (source IN ('lecturer', 'apology', 'checkin')),
    note          TEXT NOT NULL DEFAULT '',
    recorded_by   INTEGER NOT NULL REFERENCES persons (id),
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, enrollment_id)
);
CREATE INDEX attendance_enrollment ON attendance (enrollment_id);

-- Attempts at the final exam, in order. A missed attempt carries the day the person excused
-- themself to the chair, if they did.
CREATE TABLE exams (
    id               INTEGER PRIMARY KEY,
    enrollment_id    INTEGER NOT NULL REFERENCES enrollments (id),
    attempt          INTEGER NOT NULL,
    held_on          TEXT NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'missed')),
    excused_on       TEXT,
    identity_checked INTEGER NOT NULL DEFAULT 0,
    parts            TEXT NOT NULL DEFAULT '[]',
    commission       TEXT NOT NULL DEFAULT '[]',
    recorded_by      INTEGER NOT NULL REFERENCES persons (id),
    recorded_at      TEXT NOT NULL,
    UNIQUE (enrollment_id, attempt)
);

-- +goose Down
DROP TABLE exams;
DROP INDEX attendance_enrollment;
DROP TABLE attendance;
