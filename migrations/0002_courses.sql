-- +goose Up
CREATE TABLE courses (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('requalification', 'accredited_seminar', 'course',
                                                     'workshop', 'excursion', 'conference', 'online_seminar')),
    description        TEXT NOT NULL DEFAULT '',
    target_group       TEXT NOT NULL DEFAULT '',
    theory_hours       INTEGER NOT NULL DEFAULT 0,
    practice_hours     INTEGER NOT NULL DEFAULT 0,
    -- how long one teaching hour lasts: 45 minutes of theory and 60 of practice in requalification
    theory_minutes     INTEGER NOT NULL DEFAULT 45,
    practice_minutes   INTEGER NOT NULL DEFAULT 60,
    min_attendance_pct INTEGER NOT NULL DEFAULT 80,
    requires_exam      INTEGER NOT NULL DEFAULT 0,
    validity_months    INTEGER NOT NULL DEFAULT 0, -- 0: certificates do not expire
    min_age            INTEGER NOT NULL DEFAULT 18,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE TABLE course_prerequisites (
    course_id       INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    prerequisite_id INTEGER NOT NULL REFERENCES courses (id),
    PRIMARY KEY (course_id, prerequisite_id)
);

CREATE TABLE accreditations (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    body           TEXT NOT NULL CHECK (body IN ('MSMT', 'MPSV', 'other')),
    body_name      TEXT NOT NULL DEFAULT '', -- the body's name when it is "other"
    number         TEXT NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_until    TEXT NOT NULL,
    theory_hours   INTEGER NOT NULL,
    practice_hours INTEGER NOT NULL
);
CREATE INDEX accreditations_course ON accreditations (course_id, valid_from);

CREATE TABLE modules (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    title          TEXT NOT NULL,
    theory_hours   INTEGER NOT NULL DEFAULT 0,
    practice_hours INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX modules_course ON modules (course_id, position);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    course_id     INTEGER NOT NULL REFERENCES courses (id),
    starts_on     TEXT NOT NULL,
    ends_on       TEXT NOT NULL,
    online        INTEGER NOT NULL DEFAULT 0,
    town          TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    region_code   TEXT REFERENCES regions (code),
    capacity      INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('planned', 'open', 'running', 'finished', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX runs_course ON runs (course_id);
CREATE INDEX runs_status_start ON runs (status, starts_on);

CREATE TABLE run_lecturers (
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    PRIMARY KEY (run_id, person_id)
);

-- Sessions of a run: one block of teaching. Instants are UTC; cancelled ones stay, struck through.
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    starts_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    minutes       INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('theory', 'practice')),
    module_id     INTEGER REFERENCES modules (id) ON DELETE SET NULL,
    topic         TEXT NOT NULL DEFAULT '',
    lecturer_id   INTEGER NOT NULL REFERENCES persons (id),
    cancelled_at  TEXT,
    cancel_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_run ON sessions (run_id, starts_at);
CREATE INDEX sessions_lecturer ON sessions (lecturer_id, starts_at);

-- Enrolments of people in runs; the enrolment issue adds the rest. Seat counts read it.
CREATE TABLE enrollments (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    status     TEXT NOT NULL CHECK (status IN ('pending', 'enrolled', 'waitlisted', 'rejected', 'withdrawn')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX enrollments_run ON enrollments (run_id, status);

-- A secret per person for the address of their private calendar feed.
ALTER TABLE persons ADD COLUMN calendar_token TEXT NOT NULL DEFAULT '';
CREATE INDEX persons_calendar_token ON persons (calendar_token);

-- +goose Down
DROP INDEX persons_calendar_token;
ALTER TABLE persons DROP COLUMN calendar_token;
DROP TABLE enrollments;
DROP TABLE sessions;
DROP TABLE run_lecturers;
DROP TABLE runs;
DROP TABLE modules;
DROP TABLE accreditations;
DROP TABLE course_prerequisites;
DROP TABLE courses;
