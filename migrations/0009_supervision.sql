-- +goose Up
-- The mentor's obligations after the course (package supervision). Dates a person reads are
-- days in Prague (YYYY-MM-DD); instants are UTC (RFC 3339).

-- A region's interval between supervisions in calendar months; a region without a row has the
-- default of 2.
CREATE TABLE supervision_intervals (
    region_code TEXT PRIMARY KEY REFERENCES regions (code),
    months      INTEGER NOT NULL CHECK (months IN (1, 2)),
    set_by      INTEGER REFERENCES persons (id),
    set_at      TEXT NOT NULL
);

-- One mentor's own interval, set by a coordinator with a reason; removing it returns the mentor
-- to the region's.
CREATE TABLE supervision_overrides (
    person_id INTEGER PRIMARY KEY REFERENCES persons (id),
    months    INTEGER NOT NULL CHECK (months IN (1, 2)),
    reason    TEXT NOT NULL CHECK (reason <> ''),
    set_by    INTEGER REFERENCES persons (id),
    set_at    TEXT NOT NULL
);

-- A supervision meeting. The supervisor is a person of the system or an external name, never
-- both. The note is about the meeting, never about clients.
CREATE TABLE supervisions (
    id              INTEGER PRIMARY KEY,
    region_code     TEXT NOT NULL REFERENCES regions (code),
    held_at         TEXT NOT NULL, -- the instant it began, UTC
    held_on         TEXT NOT NULL, -- the day it was held in Prague, which the cadence counts from
    kind            TEXT NOT NULL CHECK (kind IN ('group', 'individual')),
    supervisor_id   INTEGER REFERENCES persons (id),
    supervisor_name TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    recorded_by     INTEGER REFERENCES persons (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((supervisor_id IS NULL) <> (supervisor_name = ''))
);
CREATE INDEX supervisions_region ON supervisions (region_code, held_on);

-- Who attended a meeting and who was excused (excused = 1). held_on repeats the meeting's day
-- (it is written with the meeting's attendees, which a correction writes anew), so that a
-- mentor's last supervision is one step of the index however many they attended.
CREATE TABLE supervision_attendees (
    supervision_id INTEGER NOT NULL REFERENCES supervisions (id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES persons (id),
    excused        INTEGER NOT NULL DEFAULT 0 CHECK (excused IN (0, 1)),
    held_on        TEXT NOT NULL,
    PRIMARY KEY (supervision_id, person_id)
);
CREATE INDEX supervision_attendees_person ON supervision_attendees (person_id, excused, held_on);

-- A coordinator's decision that a mentor is inactive, from a day, with a reason; lifted_on is
-- the day it was lifted again.
CREATE TABLE mentor_decisions (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    reason     TEXT NOT NULL CHECK (reason IN ('moved', 'resigned', 'paused', 'dismissed', 'other')),
    note       TEXT NOT NULL DEFAULT '',
    since      TEXT NOT NULL,
    decided_by INTEGER REFERENCES persons (id),
    decided_at TEXT NOT NULL,
    lifted_on  TEXT,
    lifted_by  INTEGER REFERENCES persons (id),
    lifted_at  TEXT
);
CREATE INDEX mentor_decisions_person ON mentor_decisions (person_id, since);

-- The history of every mentor's status: one row per change, from the day it holds, with its
-- cause. Rows are only ever added.
CREATE TABLE mentor_statuses (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    status      TEXT NOT NULL CHECK (status IN ('candidate', 'in_training', 'active', 'inactive')),
    since       TEXT NOT NULL,
    cause       TEXT NOT NULL,
    decision_id INTEGER REFERENCES mentor_decisions (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX mentor_statuses_person ON mentor_statuses (person_id, since, id);
CREATE INDEX mentor_statuses_since ON mentor_statuses (since, person_id);

-- Evaluation of a mentor's work by a PMS centre for a two-month period (period 1 is January and
-- February … 6 is November and December): counts of clients by type, never who they are.
CREATE TABLE evaluations (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    centre_id   INTEGER NOT NULL REFERENCES pms_centres (id),
    year        INTEGER NOT NULL,
    period      INTEGER NOT NULL CHECK (period BETWEEN 1 AND 6),
    clients_a   INTEGER NOT NULL DEFAULT 0 CHECK (clients_a >= 0),
    success_a   INTEGER NOT NULL DEFAULT 0 CHECK (success_a BETWEEN 0 AND clients_a),
    clients_b   INTEGER NOT NULL DEFAULT 0 CHECK (clients_b >= 0),
    success_b   INTEGER NOT NULL DEFAULT 0 CHECK (success_b BETWEEN 0 AND clients_b),
    clients_c   INTEGER NOT NULL DEFAULT 0 CHECK (clients_c >= 0),
    success_c   INTEGER NOT NULL DEFAULT 0 CHECK (success_c BETWEEN 0 AND clients_c),
    recorded_by INTEGER REFERENCES persons (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (person_id, centre_id, year, period)
);
CREATE INDEX evaluations_period ON evaluations (year, period, centre_id);

-- Further education from outside the product (a conference elsewhere), entered by a coordinator
-- and approved by an admin; approved hours are locked.
CREATE TABLE external_hours (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    organiser   TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    held_on     TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    kind        TEXT NOT NULL,
    entered_by  INTEGER REFERENCES persons (id),
    entered_at  TEXT NOT NULL,
    approved_by INTEGER REFERENCES persons (id),
    approved_at TEXT
);
CREATE INDEX external_hours_person ON external_hours (person_id, held_on);
CREATE INDEX external_hours_pending ON external_hours (approved_at, id);

-- What a person's yearly target of further education depends on: periods of employment (with
-- the last day of the probation period) and absences, entered by the coordinator.
CREATE TABLE employments (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES persons (id),
    from_on        TEXT NOT NULL,
    until_on       TEXT, -- NULL: still employed
    probation_ends TEXT, -- NULL: no probation period
    entered_by     INTEGER REFERENCES persons (id),
    entered_at     TEXT NOT NULL
);
CREATE INDEX employments_person ON employments (person_id, from_on);

CREATE TABLE absences (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    kind       TEXT NOT NULL,
    from_on    TEXT NOT NULL,
    until_on   TEXT, -- NULL: still absent
    entered_by INTEGER REFERENCES persons (id),
    entered_at TEXT NOT NULL
);
CREATE INDEX absences_person ON absences (person_id, from_on);

-- +goose Down
DROP TABLE absences;
DROP TABLE employments;
DROP TABLE external_hours;
DROP TABLE evaluations;
DROP TABLE mentor_statuses;
DROP TABLE mentor_decisions;
DROP TABLE supervision_attendees;
DROP TABLE supervisions;
DROP TABLE supervision_overrides;
DROP TABLE supervision_intervals;
