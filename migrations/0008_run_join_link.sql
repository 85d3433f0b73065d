-- +goose Up
-- The address at which the people of an online run join its sessions (https only; empty when
-- none is known yet or the run takes place in person). Shown only to those in the run.
ALTER TABLE runs ADD COLUMN join_link TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE runs DROP COLUMN join_link;
