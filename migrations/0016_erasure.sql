-- +goose Up
-- When a person was erased: the row stays, anonymised, so that the records the law keeps
-- (certificates, attendance sheets and exam protocols of accredited runs) still point to it.
ALTER TABLE persons ADD COLUMN erased_at TEXT;

-- +goose Down
ALTER TABLE persons DROP COLUMN erased_at;
