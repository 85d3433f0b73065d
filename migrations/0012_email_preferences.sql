-- +goose Up
-- The optional kinds of e-mail a person turned off (on their account page or by the link in
-- such an e-mail). The inbox keeps every message whatever is here.
CREATE TABLE email_off (
    person_id INTEGER NOT NULL REFERENCES persons (id),
    kind      TEXT NOT NULL,
    off_at    TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- +goose Down
DROP TABLE email_off;
