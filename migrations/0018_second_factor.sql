-- +goose Up
-- A person's TOTP second factor (RFC 6238). A row without confirmed_at is an enrolment under
-- way; last_step is the time step of the last code accepted, so that no code works twice.
CREATE TABLE second_factors (
    person_id    INTEGER PRIMARY KEY REFERENCES persons (id),
    secret       TEXT NOT NULL,
    confirmed_at TEXT,
    last_step    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);

-- One-time recovery codes, kept as hashes only.
CREATE TABLE recovery_codes (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    code_hash TEXT NOT NULL,
    used_at   TEXT
);
CREATE INDEX recovery_codes_person ON recovery_codes (person_id);

-- A sign-in whose password was right and whose code is awaited.
CREATE TABLE login_challenges (
    token_hash TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    created_at TEXT NOT NULL,
    addr       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_challenges_person ON login_challenges (person_id);

-- +goose Down
DROP TABLE login_challenges;
DROP TABLE recovery_codes;
DROP TABLE second_factors;
