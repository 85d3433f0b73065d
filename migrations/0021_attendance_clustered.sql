-- +goose Up
-- Attendance marks are kept in the order of their key (session, enrolment) instead of beside a
-- row number with the key as a second index: a roster save writes 30 marks into two B-trees
-- instead of three, and a session's marks, which the sheet reads together, lie together.
CREATE TABLE attendance_by_key (
    session_id    INTEGER NOT NULL REFERENCES sessions (id),
    enrollment_id INTEGER NOT NULL REFERENCES enrollments (id),
    status        TEXT NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
    minutes       INTEGER NOT NULL CHECK (minutes >= 0),
    source        TEXT NOT NULL CHECK (source IN ('lecturer', 'apology', 'checkin')),
    note          TEXT NOT NULL DEFAULT '',
    recorded_by   INTEGER NOT NULL REFERENCES persons (id),
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, enrollment_id)
) WITHOUT ROWID;
INSERT INTO attendance_by_key (session_id, enrollment_id, status, minutes, source, note, recorded_by, recorded_at)
    SELECT session_id, enrollment_id, status, minutes, source, note, recorded_by, recorded_at FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_by_key RENAME TO attendance;
CREATE INDEX attendance_enrollment ON attendance (enrollment_id);

-- +goose Down
CREATE TABLE attendance_by_rowid (
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
INSERT INTO attendance_by_rowid (session_id, enrollment_id, status, minutes, source, note, recorded_by, recorded_at)
    SELECT session_id, enrollment_id, status, minutes, source, note, recorded_by, recorded_at FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_by_rowid RENAME TO attendance;
CREATE INDEX attendance_enrollment ON attendance (enrollment_id);
