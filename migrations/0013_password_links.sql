-- +goose Up
-- One-time links that let a person set their password: an invitation when someone creates
-- their account without one (valid 48 hours), a reset when they forgot it (valid 1 hour).
-- Only a hash of the token is kept; addr is where a reset was asked from, for its limit.
CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    addr       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX password_links_person ON password_links (person_id, created_at);
CREATE INDEX password_links_addr ON password_links (addr, created_at);

-- +goose Down
DROP TABLE password_links;
