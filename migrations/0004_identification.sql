-- +goose Up
-- Voluntary Roma self-identification (GDPR Art. 9 special category), kept only with the
-- person's explicit consent. History is kept: every statement or withdrawal is a new row. A
-- withdrawal row has no value (roma NULL), so nothing is stated from its date on.
CREATE TABLE identifications (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES persons (id),
    roma         INTEGER,
    consent_on   TEXT,
    withdrawn_on TEXT,
    recorded_by  INTEGER REFERENCES persons (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX identifications_person ON identifications (person_id, id);

-- +goose Down
DROP TABLE identifications;
