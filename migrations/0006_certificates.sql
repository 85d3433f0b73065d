-- +goose Up
-- Some certificates state the holder's place of birth; the course says whether its do.
ALTER TABLE persons ADD COLUMN birth_place TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN requires_birth_place INTEGER NOT NULL DEFAULT 0;

-- The last number given in each series and year. Taking the next number and writing the
-- certificate happen in one transaction, so a number is never lost or given twice.
CREATE TABLE certificate_counters (
    series TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (series, year)
);

-- The register of issued certificates (kniha vydaných osvědčení). What was printed is kept
-- as it was: the content as JSON and the PDF itself.
CREATE TABLE certificates (
    id            INTEGER PRIMARY KEY,
    enrollment_id INTEGER NOT NULL REFERENCES enrollments (id),
    person_id     INTEGER NOT NULL REFERENCES persons (id),
    run_id        INTEGER NOT NULL REFERENCES runs (id),
    series        TEXT NOT NULL,
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    number        TEXT NOT NULL UNIQUE,
    code          TEXT NOT NULL UNIQUE,
    issued_on     TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    issued_by     INTEGER NOT NULL REFERENCES persons (id),
    valid_until   TEXT,
    content       TEXT NOT NULL,
    pdf           BLOB NOT NULL,
    revoked_on    TEXT,
    revoked_at    TEXT,
    revoked_by    INTEGER REFERENCES persons (id),
    revoke_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (series, year, seq)
);
-- One valid certificate per enrolment; a revoked one may be followed by a corrected one.
CREATE UNIQUE INDEX certificates_enrollment ON certificates (enrollment_id) WHERE revoked_on IS NULL;
CREATE INDEX certificates_person ON certificates (person_id);
CREATE INDEX certificates_run ON certificates (run_id);
CREATE INDEX certificates_year ON certificates (year, series, seq);

-- Re-prints of a certificate under its number, each marked as a duplicate.
CREATE TABLE certificate_duplicates (
    id             INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificates (id),
    issued_on      TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    issued_by      INTEGER NOT NULL REFERENCES persons (id),
    pdf            BLOB NOT NULL
);
CREATE INDEX certificate_duplicates_certificate ON certificate_duplicates (certificate_id);

-- +goose Down
DROP TABLE certificate_duplicates;
DROP INDEX certificates_year;
DROP INDEX certificates_run;
DROP INDEX certificates_person;
DROP INDEX certificates_enrollment;
DROP TABLE certificates;
DROP TABLE certificate_counters;
ALTER TABLE courses DROP COLUMN requires_birth_place;
ALTER TABLE persons DROP COLUMN birth_place;
