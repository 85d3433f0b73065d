-- +goose Up
-- Regions (kraje) are reference data: the 14 Czech regions, keyed by their usual abbreviation.
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO regions (code, name) VALUES
    ('PHA', 'Hlavní město Praha'),
    ('STC', 'Středočeský kraj'),
    ('JHC', 'Jihočeský kraj'),
    ('PLK', 'Plzeňský kraj'),
    ('KVK', 'Karlovarský kraj'),
    ('ULK', 'Ústecký kraj'),
    ('LBK', 'Liberecký kraj'),
    ('HKK', 'Královéhradecký kraj'),
    ('PAK', 'Pardubický kraj'),
    ('VYS', 'Kraj Vysočina'),
    ('JHM', 'Jihomoravský kraj'),
    ('OLK', 'Olomoucký kraj'),
    ('ZLK', 'Zlínský kraj'),
    ('MSK', 'Moravskoslezský kraj');

-- Centres of the Probation and Mediation Service (střediska PMS) that the program works with.
CREATE TABLE pms_centres (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    region_code TEXT NOT NULL REFERENCES regions (code)
);
INSERT INTO pms_centres (name, region_code) VALUES
    ('Praha', 'PHA'),
    ('Kladno', 'STC'),
    ('Kolín', 'STC'),
    ('České Budějovice', 'JHC'),
    ('Plzeň', 'PLK'),
    ('Sokolov', 'KVK'),
    ('Děčín', 'ULK'),
    ('Rumburk', 'ULK'),
    ('Chomutov', 'ULK'),
    ('Most', 'ULK'),
    ('Teplice', 'ULK'),
    ('Ústí nad Labem', 'ULK'),
    ('Liberec', 'LBK'),
    ('Česká Lípa', 'LBK'),
    ('Hradec Králové', 'HKK'),
    ('Pardubice', 'PAK'),
    ('Jihlava', 'VYS'),
    ('Třebíč', 'VYS'),
    ('Brno', 'JHM'),
    ('Olomouc', 'OLK'),
    ('Zlín', 'ZLK'),
    ('Ostrava', 'MSK'),
    ('Karviná', 'MSK'),
    ('Opava', 'MSK');

CREATE TABLE persons (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    titles_before TEXT NOT NULL DEFAULT '',
    titles_after  TEXT NOT NULL DEFAULT '',
    birth_date    TEXT,
    region_code   TEXT REFERENCES regions (code),
    pms_centre_id INTEGER REFERENCES pms_centres (id),
    password_hash TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    -- name and e-mail lower-cased and without diacritics, so that "cervenakova" finds Červeňáková
    search        TEXT NOT NULL DEFAULT '',
    -- Czech collation key of "surname given names", so that lists sort as Czech readers expect
    -- (Č after C, Ch after H, by surname) in plain SQL
    sort_key      BLOB NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX persons_region ON persons (region_code);

CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'lecturer', 'trainee')),
    PRIMARY KEY (person_id, role)
);

-- Browser sessions live here so that they survive a restart and can be ended server-side.
-- Only a hash of the cookie value is stored.
CREATE TABLE auth_sessions (
    token_hash   TEXT PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    addr         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_sessions_person ON auth_sessions (person_id);

CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    addr  TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX login_failures_pair ON login_failures (email, addr, at);
CREATE INDEX login_failures_addr ON login_failures (addr, at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);

-- One-time links that create the first administrator of an empty installation.
CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- Append-only: nothing updates or deletes rows of this table.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  INTEGER REFERENCES persons (id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL DEFAULT '',
    entity_id INTEGER,
    before    TEXT NOT NULL DEFAULT '',
    after     TEXT NOT NULL DEFAULT '',
    addr      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- Installation-wide values such as the secret that signs CSRF tokens.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE audit_log;
DROP TABLE setup_tokens;
DROP TABLE api_tokens;
DROP TABLE login_failures;
DROP TABLE auth_sessions;
DROP TABLE person_roles;
DROP TABLE persons;
DROP TABLE pms_centres;
DROP TABLE regions;
